//! Instruction lines of multi-line code, compared with `luac -l` of
//! lua 5.4.8: PUC gives each instruction the line of the last token read
//! when it is generated (`lastline`), so a `)`, `then`, `do`, `end`, `}`
//! or `,` on a line of its own moves instructions onto its line. The
//! expected lines were printed by 5.4.8 for each source (one list per
//! function, outermost first; PUC's `EXTRAARG` and `MMBIN*`, which Saturn
//! does not have, left out).

use super::helpers::*;
use crate::bytecode::Proto;

/// The lines of `proto` and of its nested functions, depth first.
fn all_lines(proto: &Proto, out: &mut Vec<Vec<u32>>) {
    out.push(proto.lines.clone());
    for child in &proto.protos {
        all_lines(child, out);
    }
}

#[test]
fn lines_match_luac() {
    let mut failures = Vec::new();
    for (source, expected) in CASES {
        let mut lines = Vec::new();
        all_lines(&compile(source), &mut lines);
        if lines != *expected {
            failures.push(format!(
                "{source:?}\n  luac:   {expected:?}\n  saturn: {lines:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const CASES: &[(&str, &[&[u32]])] = &[
    ("a,\nb\n=\n1,\n2\n", &[&[1, 4, 5, 5, 5]]),
    ("local a, b\na, b = b,\na\n", &[&[1, 1, 2, 3, 3, 3]]),
    ("x\n=\ny\n", &[&[1, 3, 3, 3]]),
    ("local a <const> = 1\nlocal b = a +\n2\n", &[&[1, 3, 3]]),
    ("local x = a\n+\nb\n", &[&[1, 2, 3, 2, 3]]),
    ("local x = a +\nb *\nc\n", &[&[1, 1, 2, 3, 2, 1, 3]]),
    ("local x = a ..\nb ..\nc\n", &[&[1, 1, 2, 3, 2, 3]]),
    (
        "local x = a and\nb or\nc\n",
        &[&[1, 1, 1, 1, 2, 2, 2, 3, 3]],
    ),
    ("local x = a ==\nb\n", &[&[1, 1, 2, 2, 2, 2, 2, 2]]),
    ("local x = 1 +\n2\n", &[&[1, 2, 2]]),
    ("local x = -\na\n", &[&[1, 2, 1, 2]]),
    ("local x = #\nt\n", &[&[1, 2, 1, 2]]),
    ("local x = not\na\n", &[&[1, 2, 2, 2]]),
    ("local x = f(\n1,\n2\n)\n", &[&[1, 1, 2, 4, 1, 4]]),
    ("f(\na,\nb\n)\n", &[&[1, 1, 2, 4, 1, 4]]),
    ("local t = {}\nt:m(\n1\n)\n", &[&[1, 1, 2, 4, 2, 4]]),
    ("local o\no\n:m(1)\n", &[&[1, 1, 3, 3, 3, 3]]),
    ("f\n(\n)\n", &[&[1, 1, 2, 3]]),
    (
        "print(f(\n1),\ng(2\n))\n",
        &[&[1, 1, 1, 2, 1, 3, 4, 3, 1, 4]],
    ),
    ("f{\n1,\n2\n}\n", &[&[1, 1, 1, 2, 4, 4, 1, 4]]),
    ("f 'a'\n\n", &[&[1, 1, 1, 1, 1]]),
    ("do\nlocal x <close> = f()\nend\n", &[&[1, 2, 2, 2, 2, 3]]),
    ("local x = a <\nb\n", &[&[1, 1, 2, 2, 2, 2, 2, 2]]),
    ("local x = 1 <\nb\n", &[&[1, 2, 2, 2, 2, 2, 2]]),
    ("print(a ..\nb\n..\nc)\n", &[&[1, 1, 1, 3, 4, 3, 1, 4]]),
    (
        "local k <const> = 10\nlocal t = {k,\nk}\n",
        &[&[1, 2, 2, 3, 3, 3]],
    ),
    (
        "do\nlocal x = {}\nlocal function f() return x end\nend\n",
        &[&[1, 2, 3, 3, 4], &[3, 3, 3]],
    ),
    (
        "local function f(\na,\nb\n)\nreturn a\nend\n",
        &[&[1, 6, 6], &[5, 6]],
    ),
    (
        "local f = function(...)\nreturn ...\nend\n",
        &[&[1, 3, 3], &[1, 2, 2, 3]],
    ),
    (
        "function t.a.b\n.c(x)\nend\n",
        &[&[1, 1, 1, 1, 3, 1, 3], &[3]],
    ),
    ("function t:m(\n)\nend\n", &[&[1, 1, 3, 1, 3], &[3]]),
    (
        "local f = function\n(\n...\n)\nend\n",
        &[&[1, 5, 5], &[3, 5]],
    ),
    (
        "for i = 1,\n10\ndo\nprint(i)\nend\n",
        &[&[1, 1, 2, 2, 3, 4, 4, 4, 1, 5]],
    ),
    (
        "for i = 1, 10 do\nprint(i)\nend\n",
        &[&[1, 1, 1, 1, 1, 2, 2, 2, 1, 3]],
    ),
    (
        "for k, v in\npairs(t)\ndo\nprint(k)\nend\n",
        &[&[1, 2, 2, 2, 3, 4, 4, 4, 2, 2, 5, 5]],
    ),
    (
        "for k, v in next,\nt\ndo\nend\n",
        &[&[1, 1, 2, 2, 3, 1, 1, 4, 4]],
    ),
    ("for i = a,\nb,\nc\ndo end\n", &[&[1, 1, 2, 3, 4, 1, 4]]),
    (
        "for _, v in ipairs(t) do\nend\n",
        &[&[1, 1, 1, 1, 1, 1, 1, 2, 2]],
    ),
    ("x = 1\ny = x\n+ 1\n", &[&[1, 1, 3, 3, 3, 3]]),
    ("goto l\nlocal x\n::l::\n", &[&[1, 1, 2, 3]]),
    (
        "::top::\nlocal x = f()\nif x then\ngoto\ntop\nend\n",
        &[&[1, 2, 2, 3, 3, 5, 5, 6]],
    ),
    ("local x = t\n.a\n.b\n", &[&[1, 1, 2, 3, 3]]),
    ("local x = t\n[\n1\n]\n", &[&[1, 1, 4, 4]]),
    ("local x = t[\nk\n]\n", &[&[1, 1, 2, 3, 3]]),
    ("t\n.a\n=\n1\n", &[&[1, 1, 4, 4]]),
    ("t[\nk\n] = v\n", &[&[1, 1, 2, 3, 3, 3]]),
    ("if x\nthen\nf()\nend\n", &[&[1, 2, 2, 2, 3, 3, 4]]),
    (
        "if x == 1\nthen\nf()\nelseif\ny\nthen\ng()\nelse\nh()\nend\n",
        &[&[1, 1, 1, 1, 3, 3, 3, 6, 6, 6, 7, 7, 7, 9, 9, 10]],
    ),
    (
        "if a and\nb\nthen\nf()\nend\n",
        &[&[1, 1, 1, 1, 2, 3, 3, 4, 4, 5]],
    ),
    (
        "while true do\nif a\nthen\nbreak\nend\nend\n",
        &[&[1, 3, 3, 3, 5, 6]],
    ),
    ("if not a\nthen f() end\n", &[&[1, 1, 2, 2, 2, 2, 2]]),
    (
        "local x = 1\nif x\n==\n2 then f() end\n",
        &[&[1, 1, 4, 4, 4, 4, 4]],
    ),
    ("local s = obj\n:method\n(\n1\n)\n", &[&[1, 2, 2, 5, 3, 5]]),
    (
        "local x = f(g(\n1\n),\nh(\n2\n)\n)\n",
        &[&[1, 1, 1, 3, 1, 4, 6, 4, 1, 7]],
    ),
    ("local x = (\na\n)\n", &[&[1, 3, 3]]),
    ("local x = (\na.b\n)\n", &[&[1, 2, 3, 3]]),
    ("repeat\nlocal x = f()\nuntil\nx\n", &[&[1, 2, 2, 4, 4, 4]]),
    (
        "repeat\nf()\nuntil x and\ny\n",
        &[&[1, 2, 2, 3, 3, 3, 4, 4, 4, 4]],
    ),
    ("return\n1,\n2\n", &[&[1, 2, 3, 3, 3]]),
    (
        "local function f()\nreturn f(\n1\n)\nend\n",
        &[&[1, 5, 5], &[2, 4, 2, 4, 5]],
    ),
    ("return (\nf()\n)\n", &[&[1, 2, 2, 3, 3]]),
    ("local function f()\nreturn\nend\n", &[&[1, 3, 3], &[2, 3]]),
    ("f();\ng()\n;\n", &[&[1, 1, 1, 2, 2, 3]]),
    ("local x = \"a\" ..\n\"b\"\n", &[&[1, 1, 2, 1, 2]]),
    ("local t = {\n1,\n2,\n3\n}\n", &[&[1, 1, 2, 3, 5, 5, 5]]),
    ("local t = {\nx = 1,\ny = 2\n}\n", &[&[1, 1, 2, 3, 4]]),
    (
        "local t = {\n[a] = 1,\n[b]\n=\n2\n}\n",
        &[&[1, 1, 2, 2, 3, 5, 6]],
    ),
    ("local t = {f(),\ng()\n}\n", &[&[1, 1, 1, 1, 2, 2, 3, 3]]),
    ("local t = {\na,\nb\n}\n", &[&[1, 1, 2, 4, 4, 4]]),
    ("local t = {\n...\n}\n", &[&[1, 1, 1, 3, 3]]),
    (
        "local t = {\n1,\n2,\nf()\n}\n",
        &[&[1, 1, 2, 3, 4, 4, 5, 5]],
    ),
    ("t = {\n}\n", &[&[1, 1, 2, 2]]),
    (
        "local x\nlocal function f()\nx = 1\nreturn x\nend\n",
        &[&[1, 1, 5, 5], &[3, 3, 4, 4, 5]],
    ),
    (
        "local a, b = ...\nlocal t = {...}\nf(\n...\n)\n",
        &[&[1, 1, 2, 2, 2, 3, 3, 3, 5]],
    ),
    (
        "while x\n<\n10\ndo\nx = x + 1\nend\n",
        &[&[1, 2, 3, 3, 5, 5, 5, 5, 6]],
    ),
    ("while\nx\ndo\nf()\nend\n", &[&[1, 2, 2, 2, 4, 4, 4, 5]]),
    (
        "local t = setmetatable({}, {\n__index = function(t, k)\nreturn k\nend\n})\n",
        &[&[1, 1, 1, 1, 4, 4, 1, 5], &[3, 4]],
    ),
    (
        "local x = a\nand\nb\nor\nc\n",
        &[&[1, 2, 2, 2, 3, 4, 4, 5, 5]],
    ),
    (
        "do\nlocal t <close> = f()\ng(t)\nend\n",
        &[&[1, 2, 2, 2, 3, 3, 3, 3, 4]],
    ),
    (
        "return function(a)\nreturn a\nend\n",
        &[&[1, 3, 3, 3], &[2, 3]],
    ),
    ("local x <const> = 5\nlocal y = x\n*\n2\n", &[&[1, 4, 4]]),
    (
        "t = {\nf = function()\nend,\n}\n",
        &[&[1, 1, 3, 3, 4, 4], &[3]],
    ),
    (
        "print(\n\"a\"\n..\n\"b\"\n..\nc\n)\n",
        &[&[1, 1, 3, 5, 6, 5, 1, 7]],
    ),
    ("local a\n, b\n=\n1\n, 2\n", &[&[1, 5, 5, 5]]),
    ("f\n\"str\"\n", &[&[1, 1, 2, 2, 2]]),
    ("f\n{\n}\n", &[&[1, 1, 1, 2, 3]]),
    (
        "local t = {}\nt\n[\n1\n]\n,\nt\n.\nx\n=\n1\n,\n2\n",
        &[&[1, 1, 12, 13, 13, 13]],
    ),
    (
        "local function f(...)\nlocal a, b = ...\nreturn a\n+\nb\nend\n",
        &[&[1, 6, 6], &[1, 2, 4, 5, 6]],
    ),
    ("return\n", &[&[1, 1, 1]]),
    (
        "while\nnot\ndone\ndo\nstep()\nend\n",
        &[&[1, 3, 3, 3, 5, 5, 5, 6]],
    ),
    (
        "repeat\nlocal x\n=\nf()\nuntil\nx\n>\n0\n",
        &[&[1, 4, 4, 8, 8, 8]],
    ),
    (
        "for i =\n1\n,\n10\n,\n2\ndo\nf(i)\nend\n",
        &[&[1, 2, 4, 6, 7, 8, 8, 8, 1, 9]],
    ),
    ("local s = (\"x\"):rep(\n3\n)\n", &[&[1, 1, 1, 3, 1, 3]]),
    (
        "local a = {\n[1]\n=\n2,\n\"x\",\nf(),\n}\n",
        &[&[1, 1, 4, 5, 6, 6, 7, 7]],
    ),
    (
        "if a then\nf()\nelseif\nb\nthen\ng()\nend\n",
        &[&[1, 1, 1, 1, 2, 2, 2, 5, 5, 5, 6, 6, 7]],
    ),
];
