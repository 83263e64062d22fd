//! The statistics behind the documents: counting statuses (the bilag's summary) and
//! the combined figures of the tilbagemelding.

pub mod optaelling;
pub mod samlet;
