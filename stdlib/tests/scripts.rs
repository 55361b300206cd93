//! Lua scripts under `tests/lua/`, each with the output PUC Lua 5.4 prints
//! for it (`NAME.expected`, produced by running the script with
//! `load(source, "=input")` under `lua5.4`; `tests/lua/regenerate.sh` redoes
//! them). Scripts avoid printing addresses, which differ between runs.

mod common;

use std::path::Path;

fn run_script(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lua");
    let source = std::fs::read_to_string(dir.join(format!("{name}.lua"))).expect("script");
    let expected =
        std::fs::read_to_string(dir.join(format!("{name}.expected"))).expect("expected output");
    let run = common::run(&source);
    if let Some(error) = run.error {
        panic!("{name}.lua failed: {error}\noutput so far:\n{}", run.output);
    }
    let (got, want): (Vec<&str>, Vec<&str>) =
        (run.output.lines().collect(), expected.lines().collect());
    for (line, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        assert_eq!(g, w, "{name}.lua: output line {} differs", line + 1);
    }
    assert_eq!(
        got.len(),
        want.len(),
        "{name}.lua: output has a different number of lines"
    );
}

macro_rules! scripts {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                run_script(stringify!($name));
            }
        )*
    };
}

scripts!(
    access, convert, iteration, errors, output, load, coroutine, names, edge, string
);
