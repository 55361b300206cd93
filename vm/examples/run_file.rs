//! Runs a Lua file on the bare core with a minimal `print` (no standard
//! library): `cargo run --release -p saturn-vm --example run_file -- f.lua`.

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::{Context, Lua};

fn print<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let mut line = Vec::new();
    for (i, v) in call.args().iter().enumerate() {
        if i > 0 {
            line.push(b'\t');
        }
        line.extend_from_slice(&v.to_display_bytes());
    }
    line.push(b'\n');
    use std::io::Write;
    let _ = std::io::stdout().write_all(&line);
    Ok(Action::Return(0))
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: run_file FILE.lua");
        std::process::exit(1);
    };
    let text = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(1);
    });
    let mut lua = Lua::new();
    lua.enter(|ctx| ctx.set_global("print", ctx.native(print)));
    if std::env::var_os("SATURN_NOGC").is_some() {
        lua.set_gc_stopped(true);
    }
    if let Err(e) = lua.exec(&text, format!("@{path}")) {
        eprintln!("run_file: {e}\n{}", e.traceback_lossy());
        std::process::exit(1);
    }
}
