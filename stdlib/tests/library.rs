//! The shape of the opened libraries and the formats no script can pin
//! exactly (addresses), checked from Rust.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{check, new_state, output_of};
use saturn_vm::value::Value;

/// `text` is `prefix` followed by `0x` and hexadecimal digits.
fn is_address_text(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix("0x"))
        .is_some_and(|hex| !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

#[test]
fn objects_print_as_type_and_address() {
    let out = output_of(
        r#"
        print({})
        print(print)
        print(function() end)
        print(coroutine.create(print))
        print(setmetatable({}, {__name = "MyType"}))
        print(tostring(setmetatable({}, {__name = 42})))
        "#,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(is_address_text(lines[0], "table: "), "{}", lines[0]);
    assert!(is_address_text(lines[1], "function: "), "{}", lines[1]);
    assert!(is_address_text(lines[2], "function: "), "{}", lines[2]);
    assert!(is_address_text(lines[3], "thread: "), "{}", lines[3]);
    assert!(is_address_text(lines[4], "MyType: "), "{}", lines[4]);
    assert!(is_address_text(lines[5], "table: "), "{}", lines[5]);
}

#[test]
fn the_same_object_prints_the_same_address() {
    check(
        "local t = {} print(tostring(t) == tostring(t), tostring(t) == tostring({}))",
        "true\tfalse\n",
    );
}

#[test]
fn globals_and_loaded_libraries() {
    check(
        r#"
        print(_G._G == _G, _VERSION, type(coroutine), coroutine.yield ~= nil)
        local names = {}
        for _, name in ipairs({"assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs",
            "load", "loadfile", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen",
            "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "warn", "xpcall"}) do
          if type(_G[name]) ~= "function" then names[#names + 1] = name end
        end
        print(#names)
        for _, name in ipairs({"close", "create", "isyieldable", "resume", "running", "status", "wrap", "yield"}) do
          if type(coroutine[name]) ~= "function" then names[#names + 1] = name end
        end
        print(#names)
        "#,
        "true\tLua 5.4\ttable\ttrue\n0\n0\n",
    );
    let lua = new_state(Rc::new(RefCell::new(Vec::new())));
    lua.enter(|ctx| {
        let loaded = saturn_stdlib::loaded_table(ctx);
        assert!(matches!(loaded.get_str(ctx.mc, ctx.intern(b"_G")), Value::Table(t) if Value::Table(t).raw_eq(Value::Table(ctx.globals()))));
        assert!(loaded.get_str(ctx.mc, ctx.intern(b"coroutine")).raw_eq(ctx.get_global("coroutine")));
        assert!(loaded.get_str(ctx.mc, ctx.intern(b"string")).raw_eq(ctx.get_global("string")));
    });
}

#[test]
fn warnings_are_composed_and_switched() {
    let warnings = Rc::new(RefCell::new(Vec::<String>::new()));
    let output = Rc::new(RefCell::new(Vec::new()));
    let mut lua = new_state(output);
    let sink = Rc::clone(&warnings);
    lua.enter(|ctx| {
        ctx.state.warnings.borrow_mut().sink = Some(Box::new(move |message: &[u8]| {
            sink.borrow_mut()
                .push(String::from_utf8_lossy(message).into_owned())
        }));
    });
    lua.exec(
        b"warn('hidden') warn('@on') warn('a', 'b', 'c') warn(1, 2) warn('@unknown') warn('@off') warn('hidden too')",
        "=input",
    )
    .unwrap();
    assert_eq!(
        *warnings.borrow(),
        vec!["abc".to_string(), "12".to_string()]
    );
}

#[test]
fn the_main_thread_stays_running_between_runs() {
    let output = Rc::new(RefCell::new(Vec::new()));
    let mut lua = new_state(Rc::clone(&output));
    lua.exec(b"main = coroutine.running()", "=input")
        .expect("first run");
    let error = lua
        .exec(
            br#"error(setmetatable({}, {__tostring = function()
                  return coroutine.status(main) .. " " .. tostring(coroutine.running() == main)
                end}))"#,
            "=input",
        )
        .expect_err("second run fails");
    assert_eq!(error.message_lossy(), "running true");
    lua.exec(
        b"print(coroutine.status(main), coroutine.running() == main)",
        "=input",
    )
    .expect("third run");
    assert_eq!(String::from_utf8_lossy(&output.borrow()), "running\ttrue\n");
}
