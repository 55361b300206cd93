//! Tests of the code generator: source text in, instructions out.

mod basics;
mod control;
mod debug_info;
mod errors;
mod functions;
mod helpers;
mod limits;
mod lines;
mod operators;
mod tables;

/// Prints the listing of the files named by `SATURN_COMPILE_FILE` (chunk
/// `=test`; several paths separated by `:`), with `NEWTABLE` hash sizes in
/// PUC's log form (`SATURN_PUC_SIZES`), for comparing with PUC's output:
/// `cargo test ... dump_listing -- --ignored`.
#[test]
#[ignore]
fn dump_listing() {
    let Ok(paths) = std::env::var("SATURN_COMPILE_FILE") else {
        return;
    };
    for path in paths.split(':') {
        if paths.contains(':') {
            println!("=====FILE {path}");
        }
        dump_one_listing(path);
    }
}

fn dump_one_listing(path: &str) {
    let text = std::fs::read(path).expect("readable file");
    match crate::compile::load_text(&text, b"=test") {
        Ok(proto) => {
            let listing = crate::compile::listing(&proto);
            let puc_sizes = std::env::var("SATURN_PUC_SIZES").is_ok();
            println!("=====BEGIN");
            for line in listing.lines() {
                if puc_sizes {
                    println!("{}", puc_table_size(line));
                } else {
                    println!("{line}");
                }
            }
            println!("=====END");
        }
        Err(e) => println!(
            "=====BEGIN\n{}\n=====END",
            String::from_utf8_lossy(&e.message)
        ),
    }
}

/// `NEWTABLE a array n` → `NEWTABLE a array logB` as PUC encodes hash sizes.
fn puc_table_size(line: &str) -> String {
    let Some(at) = line.find("NEWTABLE ") else {
        return line.to_string();
    };
    let mut parts: Vec<String> = line[at..].split(' ').map(String::from).collect();
    if let Some(n) = parts.get(3).and_then(|n| n.parse::<u32>().ok()) {
        let log = if n == 0 {
            0
        } else {
            n.next_power_of_two().trailing_zeros() + 1
        };
        parts[3] = format!("log{log}");
    }
    format!("{}{}", &line[..at], parts.join(" "))
}
