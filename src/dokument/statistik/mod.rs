//! The statistics behind the documents: counting statuses (the bilag's summary), the
//! combined figures of the tilbagemelding, and the development across periods.

pub mod optaelling;
pub mod samlet;
pub mod sammenligning;
pub mod udvikling;
