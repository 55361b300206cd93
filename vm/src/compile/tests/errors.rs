//! Semantic errors: PUC's texts and line numbers (without PUC's
//! `near <token>` suffix where the compiler cannot know the token).

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
