use std::path::Path;

use super::*;
use crate::bytecode::{Op, Proto};
use crate::compile::load_text;

fn compile(src: &str) -> Proto {
    load_text(src.as_bytes(), b"=test").expect("compiles")
}

fn reason(bytes: &[u8]) -> String {
    let message = undump(bytes, b"=c").expect_err("must fail");
    String::from_utf8(message).unwrap()
}

#[test]
fn the_header_is_puc_s() {
    let chunk = dump(&compile("return 1"), false);
    let mut header = b"\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08".to_vec();
    header.extend_from_slice(&0x5678i64.to_le_bytes());
    header.extend_from_slice(&370.5f64.to_le_bytes());
    assert_eq!(&chunk[..header.len()], &header[..]);
}

#[test]
fn header_errors_read_as_puc_s() {
    let chunk = dump(&compile("return 1"), false);
    let corrupt = |at: usize| {
        let mut c = chunk.clone();
        c[at] = c[at].wrapping_add(1);
        reason(&c)
    };
    assert_eq!(corrupt(1), "c: bad binary format (not a binary chunk)");
    assert_eq!(corrupt(4), "c: bad binary format (version mismatch)");
    assert_eq!(corrupt(5), "c: bad binary format (format mismatch)");
    assert_eq!(corrupt(6), "c: bad binary format (corrupted chunk)");
    assert_eq!(
        corrupt(12),
        "c: bad binary format (Instruction size mismatch)"
    );
    assert_eq!(
        corrupt(13),
        "c: bad binary format (lua_Integer size mismatch)"
    );
    assert_eq!(
        corrupt(14),
        "c: bad binary format (lua_Number size mismatch)"
    );
    assert_eq!(
        corrupt(15),
        "c: bad binary format (integer format mismatch)"
    );
    assert_eq!(corrupt(23), "c: bad binary format (float format mismatch)");
    let message = undump(&chunk[..40], &chunk).unwrap_err();
    assert_eq!(
        message,
        b"binary string: bad binary format (truncated chunk)"
    );
}

#[test]
fn every_prefix_is_truncated() {
    let chunk = dump(
        &compile("local a, b = 1, 'x' return function(...) return a, b, ... end"),
        false,
    );
    for len in 0..chunk.len() {
        assert_eq!(
            reason(&chunk[..len]),
            "c: bad binary format (truncated chunk)",
            "prefix of {len} bytes"
        );
    }
}

#[test]
fn stripping_drops_debug_information_only() {
    let proto = compile("local x = 1\nreturn function(y) return x + y end");
    let loaded = undump(&dump(&proto, true), b"=c").unwrap();
    assert_eq!(loaded, strip(&proto));
    assert_eq!(&*loaded.source, b"=?");
    assert!(loaded.lines.is_empty() && loaded.locals.is_empty());
    assert_eq!(loaded.protos[0].upvalues[0].name, None);
    assert_eq!(loaded.protos[0].code, proto.protos[0].code);
}

#[test]
fn forged_instructions_are_refused() {
    let proto = compile("local t = {} return t");
    let forge = |change: &dyn Fn(&mut Proto)| {
        let mut p = proto.clone();
        change(&mut p);
        reason(&dump(&p, false))
    };
    let bad = "c: bad binary format (bad instruction)";
    assert_eq!(forge(&|p| p.code[1] = Op::Move { a: 200, b: 0 }), bad);
    assert_eq!(forge(&|p| p.code[1] = Op::LoadK { a: 0, k: 9 }), bad);
    assert_eq!(forge(&|p| p.code[1] = Op::GetUpval { a: 0, b: 3 }), bad);
    assert_eq!(forge(&|p| p.code[1] = Op::Jmp { target: 99 }), bad);
    assert_eq!(forge(&|p| p.code[1] = Op::Jmp { target: 0 }), bad);
    assert_eq!(forge(&|p| p.code[1] = Op::Closure { a: 0, proto: 0 }), bad);
    let huge_table = Op::NewTable {
        a: 0,
        array: u32::MAX,
        hash: 0,
    };
    assert_eq!(forge(&|p| p.code[1] = huge_table), bad);
    let open_return = Op::Return {
        a: 0,
        b: 0,
        close: false,
        nparams1: 0,
    };
    assert_eq!(forge(&|p| p.code[1] = open_return), bad);
    assert_eq!(
        forge(&|p| {
            p.code.truncate(2);
            p.lines.truncate(2);
        }),
        bad
    );
    assert_eq!(
        forge(&|p| p.max_stack = 300),
        "c: bad binary format (bad stack size)"
    );
}

#[test]
fn forged_lengths_do_not_allocate() {
    let mut chunk = dump(&compile("return 1"), false);
    let header = 31 + 1;
    // The source's length: claims an exabyte.
    chunk.truncate(header);
    chunk.extend_from_slice(&[0x7f; 8]);
    chunk.push(0xff);
    assert_eq!(reason(&chunk), "c: bad binary format (truncated chunk)");
    chunk.truncate(header);
    chunk.extend_from_slice(&[0x7f; 11]);
    assert_eq!(reason(&chunk), "c: bad binary format (integer overflow)");
}

/// Every prototype the compiler makes from the corpus survives a dump and
/// a load, with and without debug information.
#[test]
fn corpus_prototypes_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/corpus");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus directory") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "lua") {
            continue;
        }
        let text = std::fs::read(&path).unwrap();
        let Ok(proto) = load_text(&text, b"@corpus.lua") else {
            continue;
        };
        let name = path.display();
        let loaded = undump(&dump(&proto, false), b"=c")
            .unwrap_or_else(|e| panic!("{name}: {}", String::from_utf8_lossy(&e)));
        assert_eq!(loaded, proto, "{name}");
        let stripped = undump(&dump(&proto, true), b"=c")
            .unwrap_or_else(|e| panic!("{name} stripped: {}", String::from_utf8_lossy(&e)));
        assert_eq!(stripped, strip(&proto), "{name} stripped");
        count += 1;
    }
    assert!(count > 100, "only {count} corpus files compiled");
}

#[test]
fn the_stack_top_must_come_from_the_instruction_before() {
    let proto = compile("local a, b = ... return a(b())");
    let producer = proto
        .code
        .iter()
        .position(|op| matches!(op, Op::Call { c: 0, .. }))
        .expect("an open call");
    // The compiled chunk loads.
    assert!(undump(&dump(&proto, false), b"=c").is_ok());
    // A test whose skip lands on the instruction reading the top.
    let mut skipping = proto.clone();
    skipping.code[producer - 1] = Op::Test { a: 0, k: false };
    assert_eq!(
        reason(&dump(&skipping, false)),
        "c: bad binary format (bad instruction)"
    );
    // A consumer whose registers start above the producer's results.
    let mut above = proto.clone();
    if let Op::TailCall { a, .. } = &mut above.code[producer + 1] {
        *a += 2;
    }
    assert_eq!(
        reason(&dump(&above, false)),
        "c: bad binary format (bad instruction)"
    );
}

#[test]
fn loop_preparations_jump_forward() {
    let proto = compile("for i = 1, 3 do end for k in next, {} do end");
    for (pc, op) in proto.code.iter().enumerate() {
        let mut p = proto.clone();
        p.code[pc] = match *op {
            Op::ForPrep { a, .. } => Op::ForPrep {
                a,
                target: pc as u32,
            },
            Op::TForPrep { a, .. } => Op::TForPrep { a, target: 1 },
            _ => continue,
        };
        assert_eq!(
            reason(&dump(&p, false)),
            "c: bad binary format (bad instruction)"
        );
    }
}
