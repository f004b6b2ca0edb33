//! The update logic of each overlay, one file each: opening it, its keys, closing it.

mod ack;
mod boxes;
mod evidence_form;
mod help;
mod note;
mod picker;
mod search;
mod warnings;
