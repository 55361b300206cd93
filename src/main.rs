//! `saturn`: a `lua5.4`-compatible command line.

mod cli;

use saturn_stdlib::io::path::os_bytes;

fn main() {
    let argv = std::env::args_os().map(|a| os_bytes(&a)).collect();
    let ok = cli::main(argv);
    std::process::exit(if ok { 0 } else { 1 });
}
