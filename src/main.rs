//! `saturn`: a `lua5.4`-compatible command line.

mod cli;

fn main() {
    let argv = std::env::args_os().map(|a| cli::os_bytes(&a)).collect();
    let ok = cli::main(argv);
    std::process::exit(if ok { 0 } else { 1 });
}
