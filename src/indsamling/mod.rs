//! `fremdrift indsamling`: the hosted collection, where each kommune answers in its own
//! browser through a personal link. [`post`] sends the invitations and reminders.

pub(crate) mod post;
