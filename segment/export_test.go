package segment

// Header is the daemon's header line, for the validator's tests in this
// package. Datagrams are laid out by internal/wire, which owns the header;
// this copy goes when the validator moves to its own package.
const Header = `{"format":"json","version":1}` + "\n"
