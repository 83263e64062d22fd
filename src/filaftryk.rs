//! What tells a file apart from the one that was there before, without reading it: its
//! inode on Unix (an atomic save renames a new file over the old, so the inode changes
//! even within one tick of the clock), for the in-memory caches of loaded files.

/// The file's inode; 0 where the system has none to give.
#[cfg(unix)]
pub(crate) fn inode(md: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(md)
}

/// The file's inode; 0 where the system has none to give.
#[cfg(not(unix))]
pub(crate) fn inode(_: &std::fs::Metadata) -> u64 {
    0
}
