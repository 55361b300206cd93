//! Compile errors: PUC's texts, line numbers and `near <token>` parts, and
//! PUC's order between them and syntax errors.

use super::helpers::*;

#[test]
fn break_outside_loops() {
    assert_eq!(
        compile_error("break"),
        "test:1: break outside loop at line 1"
    );
    assert_eq!(
        compile_error("do break end"),
        "test:1: break outside loop at line 1"
    );
    assert_eq!(
        compile_error("local function f() break end"),
        "test:1: break outside loop at line 1"
    );
    assert_eq!(
        compile_error("\n\nif x then\n  break\nend\n"),
        "test:6: break outside loop at line 4"
    );
    // A loop in an enclosing function does not count.
    assert_eq!(
        compile_error("while x do local function f() break end end"),
        "test:1: break outside loop at line 1"
    );
}

#[test]
fn undefined_labels() {
    assert_eq!(
        compile_error("goto nowhere"),
        "test:1: no visible label 'nowhere' for <goto> at line 1"
    );
    assert_eq!(
        compile_error("do goto l1 end"),
        "test:1: no visible label 'l1' for <goto> at line 1"
    );
    // A label in a nested block is not visible.
    assert_eq!(
        compile_error("goto l1\ndo ::l1:: end"),
        "test:2: no visible label 'l1' for <goto> at line 1"
    );
}

#[test]
fn repeated_labels() {
    assert_eq!(
        compile_error("::a:: ::a::"),
        "test:1: label 'a' already defined on line 1"
    );
    assert_eq!(
        compile_error("::a:: do ::a:: end"),
        "test:1: label 'a' already defined on line 1"
    );
    assert_eq!(
        compile_error("::a::\nlocal x\n::a::"),
        "test:3: label 'a' already defined on line 1"
    );
    // Sibling blocks may reuse a label.
    compile("do ::a:: end do ::a:: end");
}

#[test]
fn jumps_into_the_scope_of_a_local() {
    assert_eq!(
        compile_error("goto l; local x; ::l:: print(x)"),
        "test:1: <goto l> at line 1 jumps into the scope of local 'x'"
    );
    assert_eq!(
        compile_error("goto l; local x\n::l::\nprint(x)"),
        "test:3: <goto l> at line 1 jumps into the scope of local 'x'"
    );
    assert_eq!(
        compile_error("goto l1; local aa ::l1:: ::l2:: print(3)"),
        "test:1: <goto l1> at line 1 jumps into the scope of local 'aa'"
    );
    assert_eq!(
        compile_error("do local bb, cc; goto l1; end\nlocal aa\n::l1:: print(3)"),
        "test:3: <goto l1> at line 1 jumps into the scope of local 'aa'"
    );
    // `until` sees the body's locals: a label before it is not at the end.
    assert_eq!(
        compile_error("repeat goto cont; local x; ::cont:: until x"),
        "test:1: <goto cont> at line 1 jumps into the scope of local 'x'"
    );
    assert_eq!(
        compile_error("repeat if x then goto cont end local xuxu = 10 ::cont:: until xuxu < x"),
        "test:1: <goto cont> at line 1 jumps into the scope of local 'xuxu'"
    );
    // Labels at the end of a block are outside the scope of its locals.
    compile("do goto l; local x; ::l:: end");
    compile("for i = 1, 2 do goto cont; local x = 1; ::cont:: end");
    compile("while true do\n  goto l\n  local x\n  ::l::\nend");
    compile("local x\n::L1::\nlocal y\ngoto L1\n");
}

#[test]
fn assignments_to_constants() {
    let message = "test:1: attempt to assign to const variable 'x'";
    assert_eq!(compile_error("local x <const> = 1; x = 2"), message);
    assert_eq!(compile_error("local x <const> = {}; x = 2"), message);
    assert_eq!(compile_error("local x <close> = nil; x = 2"), message);
    assert_eq!(
        compile_error("local x <const> = 1; local function f() x = 2 end"),
        message
    );
    assert_eq!(
        compile_error("local x <const> = {}; local function f() x = 2 end"),
        message
    );
    assert_eq!(
        compile_error("local x <const> = 1; function x() end"),
        message
    );
    assert_eq!(
        compile_error("local x <const> = {}; local y; y, x = 1, 2"),
        message
    );
    // From PUC's locals.lua.
    let read_only = |name: &str, code: &str| {
        let message = compile_error(code);
        let expected = format!("attempt to assign to const variable '{name}'");
        assert!(message.contains(&expected), "{message}");
    };
    read_only("y", "local x, y <const>, z = 10, 20, 30; x = 11; y = 12");
    read_only("x", "local x <const>, y, z <const> = 10, 20, 30; x = 11");
    read_only(
        "z",
        "local x <const>, y, z <const> = 10, 20, 30; y = 10; z = 11",
    );
    read_only("foo", "local foo <const> = 10; function foo() end");
    read_only("foo", "local foo <const> = {}; function foo() end");
    read_only(
        "z",
        "local a, z <const>, b = 10;\nfunction foo() a = 20; z = 32; end",
    );
    read_only(
        "var1",
        "local a, var1 <const> = 10;\nfunction foo() a = 20; z = function () var1 = 12; end  end",
    );
    // Fields of a constant table are not constant.
    compile("local x <const> = {}; x.y = 1; function x.f() end");
}

#[test]
fn to_be_closed_lists() {
    assert_eq!(
        compile_error("local a <close>, b <close> = 1, 2"),
        "test:1: multiple to-be-closed variables in local list"
    );
}

#[test]
fn vararg_outside_vararg_function() {
    assert_eq!(
        compile_error("function f() return ... end"),
        "test:1: cannot use '...' outside a vararg function near '...'"
    );
}

#[test]
fn register_limit() {
    let source = format!("a = f(x{})", ",x".repeat(260));
    assert!(
        compile_error(&source)
            .starts_with("test:1: function or expression needs too many registers")
    );
    // Long constructors flush their items and need few registers.
    compile(&format!("local t = {{{}}}", "a,".repeat(300)));
}

#[test]
fn local_variable_limit() {
    let names: Vec<String> = (1..=201).map(|i| format!("a{i}")).collect();
    let source = format!("local {}", names.join(", "));
    assert!(
        compile_error(&source)
            .starts_with("test:1: too many local variables (limit is 200) in main function")
    );
    let source = format!("\nfunction foo ()\n  local {}, b\nend", names.join(", "));
    let message = compile_error(&source);
    assert!(
        message
            .starts_with("test:3: too many local variables (limit is 200) in function at line 2"),
        "{message}"
    );
    compile(&format!("local {}", names[..200].join(", ")));
}

#[test]
fn upvalue_limit() {
    // From PUC's errors.lua: 2 + 2 * 127 upvalues in `fooC`.
    let lim = 127;
    let mut s = String::from("local function fooA ()\n  local ");
    for j in 1..=lim {
        s += &format!("a{j}, ");
    }
    s += "b,c\nlocal function fooB ()\n  local ";
    for j in 1..=lim {
        s += &format!("b{j}, ");
    }
    s += "b\nfunction fooC () return b+c";
    for j in 1..=lim {
        s += &format!("+a{j}+b{j}");
    }
    s += "\nend  end end";
    let message = compile_error(&s);
    assert!(
        message.contains("too many upvalues (limit is 255)"),
        "{message}"
    );
    assert!(message.contains("function at line 5"), "{message}");
}

#[test]
fn chunk_names_prefix_messages() {
    let error = crate::compile::load_text(b"break", b"@script.lua").unwrap_err();
    assert_eq!(error.message, b"script.lua:1: break outside loop at line 1");
    let error = crate::compile::load_text(b"goto x", b"goto x").unwrap_err();
    assert_eq!(
        String::from_utf8_lossy(&error.message),
        "[string \"goto x\"]:1: no visible label 'x' for <goto> at line 1"
    );
    assert!(!error.incomplete);
}

#[test]
fn goto_errors_from_puc_test_suite() {
    // From PUC's goto.lua: `load` fails with a message containing the text.
    for (code, text) in [
        (" goto l1; do ::l1:: end ", "label 'l1'"),
        (" do ::l1:: end goto l1; ", "label 'l1'"),
        (" ::l1:: ::l1:: ", "label 'l1'"),
        (" ::l1:: do ::l1:: end", "label 'l1'"),
        (" goto l1; local aa ::l1:: ::l2:: print(3) ", "local 'aa'"),
        (
            "\ndo local bb, cc; goto l1; end\nlocal aa\n::l1:: print(3)\n",
            "local 'aa'",
        ),
        (" do ::l1:: end goto l1 ", "label 'l1'"),
        (" goto l1 do ::l1:: end ", "label 'l1'"),
        (
            "\n  repeat\n    if x then goto cont end\n    local xuxu = 10\n    ::cont::\n  until xuxu < x\n",
            "local 'xuxu'",
        ),
    ] {
        let message = compile_error(code);
        assert!(message.contains(text), "{code:?}: {message}");
    }
}

/// The message `load(source, "=src")` gives, or "OK".
fn load_message(source: &str) -> String {
    match crate::compile::load_text(source.as_bytes(), b"=src") {
        Ok(_) => "OK".to_string(),
        Err(e) => String::from_utf8_lossy(&e.message).into_owned(),
    }
}

/// `p1s, p2s, ...` for `seq("p", "s", n, ", ")`.
fn seq(prefix: &str, suffix: &str, n: usize, sep: &str) -> String {
    (1..=n)
        .map(|i| format!("{prefix}{i}{suffix}"))
        .collect::<Vec<_>>()
        .join(sep)
}

/// PUC compiles while it parses: a semantic error met before a syntax
/// error later in the source is the one reported (and one met after it
/// is not), at the line of the token that was current then. Expected
/// messages from lua 5.4.8's `load(source, "=test")`.
#[test]
fn errors_are_reported_in_pucs_order() {
    let cases: &[(&str, &str)] = &[
        (
            "local x <const> = 1\nx\n= 2\ny = = 1",
            "test:3: attempt to assign to const variable 'x'",
        ),
        (
            "local f <const> = 1\nfunction f() end\n\nx = 1",
            "test:4: attempt to assign to const variable 'f'",
        ),
        (
            "local function g() goto foo end\n\ny = = 1",
            "test:3: no visible label 'foo' for <goto> at line 1",
        ),
        (
            "local function g() goto foo end 3x",
            "test:1: malformed number near '3x'",
        ),
        ("goto foo\ny = = 1", "test:2: unexpected symbol near '='"),
        (
            "do goto l; local x; ::l:: x = = 1 end",
            "test:1: <goto l> at line 1 jumps into the scope of local 'x'",
        ),
        (
            "do goto l; local x; ::l:: ::m:: = 1 end",
            "test:1: <goto l> at line 1 jumps into the scope of local 'x'",
        ),
        (
            "do goto l; local x; ::l:: :: = 1 end",
            "test:1: <name> expected near '='",
        ),
        (
            "local function g() break end\n\n\nz = 1",
            "test:4: break outside loop at line 1",
        ),
        (
            "local k <const> = 1; k, y + 1",
            "test:1: attempt to assign to const variable 'k'",
        ),
        (
            "local k <const> = 1; k, y 3x",
            "test:1: attempt to assign to const variable 'k'",
        ),
        (
            "local k <const> = 1; y, k = = 1",
            "test:1: attempt to assign to const variable 'k'",
        ),
        (
            "local function f() goto nowhere end = 1",
            "test:1: no visible label 'nowhere' for <goto> at line 1",
        ),
        (
            "local function f() goto nowhere end",
            "test:1: no visible label 'nowhere' for <goto> at line 1",
        ),
        (
            "::a:: ::a:: x = = 1",
            "test:1: label 'a' already defined on line 1",
        ),
        ("::a:: x = = 1", "test:1: unexpected symbol near '='"),
        (
            "::a:: ::b::\n::c:: ::b::",
            "test:2: label 'b' already defined on line 2",
        ),
        (
            "::a:: do ::a:: end",
            "test:1: label 'a' already defined on line 1",
        ),
        ("do ::a:: end ::a::", "OK"),
        ("::a:: function f() ::a:: end", "OK"),
        (
            "local x <close> = nil; x = 1 (",
            "test:1: attempt to assign to const variable 'x'",
        ),
        (
            "local x <const> = 1; function g() x = 2 end end",
            "test:1: attempt to assign to const variable 'x'",
        ),
        (
            "local x <const> = 1; local function g() return function() x = 2 end end + 1",
            "test:1: attempt to assign to const variable 'x'",
        ),
        (
            "for i = 1, 2 do local k <const> = i; k = 1 end end",
            "test:1: attempt to assign to const variable 'k'",
        ),
        (
            "while true do break end break",
            "test:1: break outside loop at line 1",
        ),
        (
            "repeat goto cont; local x; ::cont:: until x x = = 1",
            "test:1: <goto cont> at line 1 jumps into the scope of local 'x'",
        ),
        (
            "if x then goto l end local y ::l:: y() end",
            "test:1: <goto l> at line 1 jumps into the scope of local 'y'",
        ),
        (
            "local a <foo> = 1; goto x",
            "test:1: unknown attribute 'foo'",
        ),
        (
            "goto x; local a <close>, b <close>",
            "test:1: multiple to-be-closed variables in local list",
        ),
        (
            "local t = {} t.x, t.y = 1 local c <const> = 2 c = 3 )",
            "test:1: attempt to assign to const variable 'c'",
        ),
        (
            "function f(...) return ... end function g() return ... end",
            "test:1: cannot use '...' outside a vararg function near '...'",
        ),
    ];
    for &(source, expected) in cases {
        let message = match crate::compile::load_text(source.as_bytes(), b"=test") {
            Ok(_) => "OK".to_string(),
            Err(e) => String::from_utf8_lossy(&e.message).into_owned(),
        };
        assert_eq!(message, expected, "{source:?}");
    }
}

/// Limit errors are raised `near` the token PUC's parser has as current
/// token when its code generator hits the limit, at that token's line.
/// Expected messages from lua 5.4.8.
#[test]
fn limit_errors_name_pucs_token() {
    let locals = format!("local {}\n", seq("l", "", 200, ", "));
    let args55 = seq("", "", 56, ", ");
    let upvalues = |body: &str| {
        format!(
            "local {}\nlocal function g()\nlocal {}\nreturn function()\n{body}\nend end",
            seq("u", "", 150, ", "),
            seq("v", "", 150, ", ")
        )
    };
    let registers = "function or expression needs too many registers";
    let main = "too many local variables (limit is 200) in main function";
    let function = "too many local variables (limit is 200) in function at line 1";
    let up = "too many upvalues (limit is 255) in function at line 4";
    let cases: Vec<(String, String)> = vec![
        (
            format!("f({}x)", "x,\n".repeat(300)),
            format!("src:255: {registers} near 'x'"),
        ),
        (
            format!("f({}1)", "1, ".repeat(300)),
            format!("src:1: {registers} near '1'"),
        ),
        (
            format!("local t = {{f({}x)}}", "x, ".repeat(300)),
            format!("src:1: {registers} near 'x'"),
        ),
        (
            format!("return {}x", "x,\n".repeat(300)),
            format!("src:256: {registers} near 'x'"),
        ),
        (
            format!("local a = {}x", "x, ".repeat(300)),
            format!("src:1: {registers} near 'x'"),
        ),
        (
            format!("{locals}f(\n{args55})"),
            format!("src:3: {registers} near '55'"),
        ),
        (
            format!("{locals}x = {}a", "a .. ".repeat(60)),
            format!("src:2: {registers} near 'a'"),
        ),
        (
            format!("{locals}x = {}a{}", "a + (".repeat(60), ")".repeat(60)),
            format!("src:2: {registers} near '('"),
        ),
        (
            format!("{locals}x = o:m({}a)", "a, ".repeat(60)),
            format!("src:2: {registers} near 'a'"),
        ),
        (
            format!(
                "{locals}x = a[b][c][{}1{}]",
                "d[".repeat(60),
                "]".repeat(60)
            ),
            format!("src:2: {registers} near '['"),
        ),
        (
            format!("{locals}{}a = 1", "a, ".repeat(60)),
            format!("src:2: {registers} near <eof>"),
        ),
        (
            format!("{locals}x = {{{}a}}", "a, ".repeat(60)),
            "OK".into(),
        ),
        // The closure takes its register before its function is closed.
        (
            format!(
                "{locals}f({}, function() goto nowhere end)",
                seq("", "", 53, ", ")
            ),
            format!("src:2: {registers} near ')'"),
        ),
        (
            format!(
                "{locals}f({}, function() goto nowhere end)",
                seq("", "", 52, ", ")
            ),
            "src:2: no visible label 'nowhere' for <goto> at line 2".into(),
        ),
        (
            format!("{locals}for k, v in pairs(t) do end"),
            format!("src:2: {main} near ','"),
        ),
        (
            format!("{locals}for i = 1, 2 do end"),
            format!("src:2: {main} near '='"),
        ),
        (
            format!("{locals}local function f() end"),
            format!("src:2: {main} near '('"),
        ),
        (
            format!("local {}", seq("l", "", 201, ", ")),
            format!("src:1: {main} near <eof>"),
        ),
        (
            format!("function f({}) end", seq("p", "", 201, ", ")),
            format!("src:1: {function} near ')'"),
        ),
        (
            format!("function t:f({}) end", seq("p", "", 200, ", ")),
            format!("src:1: {function} near ')'"),
        ),
        (
            format!(
                "local function f({}) return f({args55}) end",
                seq("p", "", 200, ", ")
            ),
            format!("src:1: {registers} near '55'"),
        ),
        (
            upvalues(&format!(
                "return {} + {}",
                seq("u", "", 150, " + "),
                seq("v", "", 150, " + ")
            )),
            format!("src:5: {up} near '+'"),
        ),
        (
            upvalues(&format!(
                "{}\n{}",
                seq("u", " = 1", 150, "\n"),
                seq("v", " = 1", 150, "\n")
            )),
            format!("src:260: {up} near '='"),
        ),
        (
            upvalues(&format!(
                "{}\n{}",
                seq("local x = u", "", 150, "\n"),
                seq("f(v", ")", 150, "\n")
            )),
            format!("src:259: {up} near ')'"),
        ),
        (
            upvalues(&format!(
                "{}\n{}",
                seq("u", ".x = 1", 150, "\n"),
                seq("v", ":m()", 150, "\n")
            )),
            format!("src:260: {up} near ':'"),
        ),
        (
            upvalues(&format!(
                "{}\n{}",
                seq("function u", ".x() end", 150, "\n"),
                seq("function v", "() end", 150, "\n")
            )),
            format!("src:260: {up} near '('"),
        ),
    ];
    for (source, expected) in &cases {
        assert_eq!(&load_message(source), expected, "{source:.200}");
    }
}

/// A `for` body longer than PUC's jump range, reported at its `end`.
#[test]
fn long_for_loops_match_puc() {
    let body = "x = 1\n".repeat(131071);
    assert_eq!(
        load_message(&format!("for i = 1, 2 do\n{body}end\n")),
        "src:131073: control structure too long near 'end'"
    );
    // Before a later syntax error.
    assert_eq!(
        load_message(&format!("for i = 1, 2 do\n{body}end x = = 1\n")),
        "src:131073: control structure too long near 'end'"
    );
    assert_eq!(
        load_message(&format!("for k in next, t do\n{body}\nend\n")),
        "src:131074: control structure too long near 'end'"
    );
    let body = "x = 1\n".repeat(131069);
    assert_eq!(load_message(&format!("for i = 1, 2 do\n{body}end\n")), "OK");
}

/// PUC's parser keeps some things in arrays limited in size; a full one
/// raises a bare runtime error ("too many ... (limit is N)", no position).
/// Expected messages from lua 5.4.8.
#[test]
fn parser_arrays_are_limited_as_in_puc() {
    let cases = [
        (
            "f = function() end\n".repeat(131072),
            "too many functions (limit is 131071)",
        ),
        ("f = function() end\n".repeat(131071), "OK"),
        (
            "do local x end\n".repeat(32768),
            "too many local variables (limit is 32767)",
        ),
        ("do local x end\n".repeat(32767), "OK"),
        (
            seq("goto l", "", 32768, " "),
            "too many labels/gotos (limit is 32767)",
        ),
    ];
    for (source, expected) in &cases {
        assert_eq!(&load_message(source), expected, "{source:.60}");
    }
    // Labels count in all the functions being parsed (a chain of nested
    // functions keeps each one's search for repeated labels short).
    let labels = |per_function: usize| {
        let level = format!(
            "{} local function f()\n",
            seq("::l", ":: x()", per_function, " ")
        );
        format!("{}{}", level.repeat(100), "end\n".repeat(100))
    };
    assert_eq!(
        load_message(&labels(328)),
        "too many labels/gotos (limit is 32767)"
    );
    assert_eq!(load_message(&labels(327)), "OK");
    // Locals in scope in all the functions being parsed.
    let decl = format!("local {}a\n", "a, ".repeat(199));
    let nested = |n: usize| {
        format!(
            "{}{}",
            format!("function f()\n{decl}").repeat(n),
            "end\n".repeat(n)
        )
    };
    assert_eq!(
        load_message(&nested(170)),
        "too many local variables (limit is 32767)"
    );
    assert_eq!(load_message(&nested(163)), "OK");
}

/// `early_error` reports an error of the text read so far only when no
/// continuation could change it: PUC, which parses as it reads, would
/// already have stopped there.
#[test]
fn early_errors_are_certain() {
    let early = |text: &str| {
        crate::compile::early_error(text.as_bytes(), b"=src")
            .map(|e| String::from_utf8_lossy(&e.message).into_owned())
    };
    // The last token could still grow (`==`, `3xy`, `yz`).
    assert_eq!(early("x = ="), None);
    assert_eq!(
        early("x = = "),
        Some("src:1: unexpected symbol near '='".into())
    );
    assert_eq!(early("x = 3x"), None);
    assert_eq!(
        early("x = 3x "),
        Some("src:1: malformed number near '3x'".into())
    );
    // A compile error before the last token.
    assert_eq!(
        early("local k <const> = 1; k = 2"),
        Some("src:1: attempt to assign to const variable 'k'".into())
    );
    // Unresolved gotos are reported once the token after `end` is read
    // (a lexical error there would win), or at the end of the chunk.
    assert_eq!(early("goto x "), None);
    assert_eq!(early("local function f() goto x end "), None);
    assert_eq!(early("local function f() goto x end y"), None);
    assert_eq!(
        early("local function f() goto x end y "),
        Some("src:1: no visible label 'x' for <goto> at line 1".into())
    );
    // Valid so far.
    assert_eq!(early("local x = 1\nreturn x"), None);
    assert_eq!(early("local s = [[abc"), None);
    // Reading more text from a reader costs PUC one nesting level: an
    // endless stream of `(` fails at the same read as in lua 5.4.8.
    assert_eq!(early(&"(".repeat(197)), None);
    assert_eq!(early(&"(".repeat(198)), Some("C stack overflow".into()));
}
