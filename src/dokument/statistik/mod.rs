//! The statistics behind the documents: counting statuses (the bilag's summary), the
//! combined figures of the tilbagemelding, and the development across periods — and
//! the Danish sentences they are told in (`saetninger`).

pub mod fordeling;
pub mod optaelling;
pub mod saetninger;
pub mod samlet;
pub mod sammenligning;
pub mod udvikling;
