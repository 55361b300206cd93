//! Debug information: instruction lines, local variable ranges, function
//! lines and upvalue descriptions.

use super::helpers::*;

#[test]
fn instructions_carry_puc_lines() {
    let source = "local t = {}\nlocal x = t.a\n  .b\nlocal y = f(1,\n  2)\nlocal z = x +\n  1\nt.k =\n  5\n\
                  function t.m()\n  return 1\nend\nprint(x\n  ..\n  y)\nlocal s = x\n  and y\n  or z\n";
    let proto = compile(source);
    assert_eq!(
        ops_of(&proto)
            .iter()
            .zip(&proto.lines)
            .map(|(op, line)| format!("{line} {op}"))
            .collect::<Vec<_>>(),
        [
            "1 VARARGPREP 0",
            "1 NEWTABLE 0 0 0",
            "2 GETFIELD 1 0 K0",
            "3 GETFIELD 1 1 K1",
            "4 GETTABUP 2 0 K2",
            "4 LOADI 3 1",
            "5 LOADI 4 2",
            "4 CALL 2 3 2",
            "6 ADDI 3 1 1",
            "9 SETFIELD 0 K3 K4",
            "12 CLOSURE 4 0",
            "10 SETFIELD 0 K5 4",
            "13 GETTABUP 4 0 K6",
            "14 MOVE 5 1",
            "15 MOVE 6 2",
            "14 CONCAT 5 2",
            "13 CALL 4 2 1",
            "17 TEST 1 0",
            "17 JMP to 22",
            "18 TESTSET 4 2 1",
            "18 JMP to 23",
            "18 MOVE 4 3",
            "18 RETURN 5 1 1",
        ]
    );
    let f = &proto.protos[0];
    assert_eq!((f.line_defined, f.last_line_defined), (10, 12));
    assert_eq!(f.lines, [11, 11, 12]);
    assert_eq!((proto.line_defined, proto.last_line_defined), (0, 0));
}

#[test]
fn loops_carry_their_statement_lines() {
    let source = "local function g(a,\n   b)\n  while a do\n    a = a - 1\n  end\n  for i = 1,\n    3 do\n  end\n\
                  for k, v in\n    pairs(t) do\n  end\nend";
    let proto = compile(source);
    let g = &proto.protos[0];
    assert_eq!(
        ops_of(g)
            .iter()
            .zip(&g.lines)
            .map(|(op, line)| format!("{line} {op}"))
            .collect::<Vec<_>>(),
        [
            "3 TEST 0 0",
            "3 JMP to 5",
            "4 SUBK 0 0 K0",
            "4 JMP to 1",
            "6 LOADI 2 1",
            "7 LOADI 3 3",
            "7 LOADI 4 1",
            "7 FORPREP 2 to 10",
            "6 FORLOOP 2 to 9",
            "10 GETTABUP 2 0 K1",
            "10 GETTABUP 3 0 K2",
            "10 CALL 2 2 5",
            "10 TFORPREP 2 to 14",
            "10 TFORCALL 2 2",
            "10 TFORLOOP 2 to 14",
            "11 CLOSE 2",
            "12 RETURN 2 1 0 (k)",
        ]
    );
}

#[test]
fn local_variable_ranges() {
    let source = "local a = 1\ndo\n  local b = a\n  local c <const> = 3\n  local d = b + c\nend\n\
                  for i = 1, 2 do local e = i end\nlocal function f() end\nlocal g = function() end\n\
                  repeat local h = 1 until h";
    let proto = compile(source);
    let ranges: Vec<String> = proto
        .locals
        .iter()
        .map(|v| {
            format!(
                "{} {} {}",
                String::from_utf8_lossy(&v.name),
                v.start_pc,
                v.end_pc
            )
        })
        .collect();
    assert_eq!(
        ranges,
        [
            "a 2 16",
            "b 3 4",
            "d 4 4",
            "(for state) 7 10",
            "(for state) 7 10",
            "(for state) 7 10",
            "i 8 9",
            "e 9 9",
            "f 11 16",
            "g 12 16",
            "h 13 15",
        ]
    );
    assert_eq!(proto.local_name(1, 3), Some(&b"a"[..]));
    assert_eq!(proto.local_name(2, 3), Some(&b"b"[..]));
    assert_eq!(proto.local_name(5, 8), Some(&b"i"[..]));
}

#[test]
fn parameters_are_locals_from_the_start() {
    let proto = compile("function f(a, b, ...) local c return a end\nfunction t:m(x) end");
    let f = &proto.protos[0];
    assert_eq!((f.num_params, f.is_vararg), (2, true));
    let names: Vec<(&[u8], u32)> = f.locals.iter().map(|v| (&v.name[..], v.start_pc)).collect();
    assert_eq!(names, [(&b"a"[..], 0), (&b"b"[..], 0), (&b"c"[..], 2)]);
    let m = &proto.protos[1];
    assert_eq!((m.num_params, m.is_vararg), (2, false));
    assert_eq!(&*m.locals[0].name, b"self");
}

#[test]
fn upvalues_name_and_locate_captured_variables() {
    let proto = compile(
        "local a, b = 1, 2\nfunction f()\n  local c = a\n  return function() return b + c + a end\nend",
    );
    let describe = |p: &crate::bytecode::Proto| -> Vec<String> {
        p.upvalues
            .iter()
            .map(|u| {
                let name =
                    String::from_utf8_lossy(u.name.as_deref().unwrap_or_default()).into_owned();
                format!("{name} {} {}", u.in_stack, u.index)
            })
            .collect()
    };
    let f = &proto.protos[0];
    assert_eq!(describe(f), ["a true 0", "b true 1"]);
    assert_eq!(
        describe(&f.protos[0]),
        ["b false 1", "c true 0", "a false 0"]
    );
    assert_eq!(
        ops_of(&f.protos[0]),
        [
            "GETUPVAL 0 0",
            "GETUPVAL 1 1",
            "ADD 0 0 1",
            "GETUPVAL 1 2",
            "ADD 0 0 1",
            "RETURN1 0",
            "RETURN0"
        ]
    );
    // Every prototype shares the chunk's source name.
    assert!(std::rc::Rc::ptr_eq(&proto.source, &f.protos[0].source));
}

#[test]
fn upvalue_kinds_follow_declarations() {
    use crate::bytecode::VarKind;
    let proto =
        compile("local a <const> = {}\nlocal b <close> = nil\nfunction f() return a, b end");
    let kinds: Vec<VarKind> = proto.protos[0].upvalues.iter().map(|u| u.kind).collect();
    assert_eq!(kinds, [VarKind::Const, VarKind::ToBeClosed]);
}
