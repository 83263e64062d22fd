//! fremdrift's own Typst `World`: the main source in memory, fonts only from the
//! embedded set and the project's `fonts/`, files only from inside the project,
//! no packages, no network, and the date from content.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::indhold::dato::Dato;

/// The default fonts, embedded at build time (Carlito, SIL OFL 1.1).
pub const INDBYGGEDE_SKRIFTER: &[(&str, &[u8])] = &[
    (
        "Carlito-Regular.ttf",
        include_bytes!("../../fonts/Carlito-Regular.ttf"),
    ),
    (
        "Carlito-Bold.ttf",
        include_bytes!("../../fonts/Carlito-Bold.ttf"),
    ),
    (
        "Carlito-Italic.ttf",
        include_bytes!("../../fonts/Carlito-Italic.ttf"),
    ),
    (
        "Carlito-BoldItalic.ttf",
        include_bytes!("../../fonts/Carlito-BoldItalic.ttf"),
    ),
];

/// What every compilation of a run shares: the standard library and the fonts.
pub struct Grundlag {
    library: LazyHash<Library>,
    bog: LazyHash<FontBook>,
    skrifter: Vec<Font>,
}

impl Grundlag {
    /// Loads the embedded fonts and every font file in `<rod>/fonts/`.
    pub fn ny(rod: &Path) -> Arc<Self> {
        let mut skrifter: Vec<Font> = INDBYGGEDE_SKRIFTER
            .iter()
            .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
            .collect();
        for sti in skriftfiler(&rod.join("fonts")) {
            if let Ok(data) = std::fs::read(&sti) {
                skrifter.extend(Font::iter(Bytes::new(data)));
            }
        }
        let bog = FontBook::from_fonts(skrifter.iter());
        Arc::new(Self {
            library: LazyHash::new(Library::default()),
            bog: LazyHash::new(bog),
            skrifter,
        })
    }

    /// The font families available, for messages.
    pub fn familier(&self) -> Vec<String> {
        self.bog
            .families()
            .map(|(navn, _)| navn.to_string())
            .collect()
    }
}

/// Font files in a folder, sorted so the font book is the same every run.
fn skriftfiler(mappe: &Path) -> Vec<PathBuf> {
    let mut ud: Vec<PathBuf> = std::fs::read_dir(mappe)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            })
        })
        .collect();
    ud.sort();
    ud
}

/// One document's world.
pub struct Verden {
    grundlag: Arc<Grundlag>,
    rod: PathBuf,
    main: Source,
    idag: Option<Datetime>,
    filer: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl Verden {
    /// `navn` names the in-memory main file (stable per document, so file ids are
    /// never minted anew on rebuilds).
    pub fn ny(grundlag: Arc<Grundlag>, rod: &Path, navn: &str, markup: String, dato: Dato) -> Self {
        let id = fil_id(&format!("/.fremdrift/{navn}.typ"));
        Self {
            grundlag,
            rod: rod.to_path_buf(),
            main: Source::new(id, markup),
            idag: Datetime::from_ymd(dato.aar, dato.maaned, dato.dag),
            filer: Mutex::new(HashMap::new()),
        }
    }

    pub fn kilde(&self) -> &Source {
        &self.main
    }

    /// Reads a project file, refusing anything that resolves outside the project.
    fn laes(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!("pakker bruges ikke i fremdrift ({spec})").into(),
            ))));
        }
        let sti = id.vpath().realize(&self.rod).map_err(FileError::Realize)?;
        let aegte = sti
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &sti))?;
        if !aegte.starts_with(&self.rod) {
            return Err(FileError::AccessDenied);
        }
        if aegte.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&aegte)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &sti))
    }
}

/// The interned id of a project path.
pub fn fil_id(sti: &str) -> FileId {
    let vpath = VirtualPath::new(sti).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for Verden {
    fn library(&self) -> &LazyHash<Library> {
        &self.grundlag.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.grundlag.bog
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let tekst = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, tekst.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        let mut filer = self.filer.lock().expect("file cache lock");
        filer.entry(id).or_insert_with(|| self.laes(id)).clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.grundlag.skrifter.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.idag
    }
}
