//! ember-dist: the Erlang distribution protocol (port mapper, handshake, external term
//! format on the wire, connections). Not implemented yet: this crate holds the place the
//! distribution layer takes in the workspace.
