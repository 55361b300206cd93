//! `saturn`: a `lua5.4`-compatible command line.

fn main() {
    eprintln!("saturn: the command line is not built yet");
    std::process::exit(1);
}
