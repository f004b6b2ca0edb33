//! The update logic of each overlay, one file each: opening it, its keys, closing it.

mod ack;
mod agenda;
mod boxes;
mod confirm;
mod draft;
mod draft_report;
mod evidence_form;
mod finding;
mod flagged;
mod goto;
mod help;
mod input;
mod note;
mod picker;
mod register;
mod requests;
mod search;
mod settings;
mod warnings;
