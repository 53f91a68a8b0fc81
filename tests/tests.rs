//! Integration tests, compiled into one binary. Each test gets its own data folder and, when it needs the
//! network, its own HTTP server on 127.0.0.1.

mod support;

mod cli;
mod corpora;
mod encodings;
mod feeds;
mod full_text;
mod hostile;
mod manners;
mod pictures;
mod portal;
mod portal_server;
mod readability;
mod retention;
mod starter;
mod state;
mod subscriptions;
mod web;
