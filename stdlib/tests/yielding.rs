//! Saturn-only behaviour: library functions that call Lua code do so
//! through the executor, so that code may yield (PUC Lua raises "attempt to
//! yield across a C-call boundary" in most of these cases).

mod common;
use common::check;

#[test]
fn yield_inside_pcall_and_xpcall() {
    check(
        r#"
        local co = coroutine.wrap(function()
          print(pcall(function() return coroutine.yield("a") end))
          print(xpcall(function() coroutine.yield("b"); error("e", 0) end, function(m) return "handled " .. m end))
          return "end"
        end)
        print(co()) print(co(1, 2)) print(co())
        "#,
        "a\ntrue\t1\t2\nb\nfalse\thandled e\nend\n",
    );
}

#[test]
fn yield_inside_an_xpcall_message_handler() {
    check(
        r#"
        local co = coroutine.wrap(function()
          return xpcall(error, function(m) return coroutine.yield("in handler " .. m) end, "oops")
        end)
        print(co()) print(co("replaced"))
        "#,
        "in handler oops\nfalse\treplaced\n",
    );
}

#[test]
fn yield_from_tostring_metamethod_called_by_tostring_and_print() {
    check(
        r#"
        local obj = setmetatable({}, {__tostring = function() return coroutine.yield("asking") end})
        local co = coroutine.wrap(function()
          local s = tostring(obj)
          print("tostring gave", s)
          print("before", obj, "after")
          return "done"
        end)
        print(co())
        print(co("first answer"))
        print(co("second answer"))
        "#,
        // `print` writes each piece as it goes, so "before" is out before the yield.
        "asking\ntostring gave\tfirst answer\nbeforeasking\n\tsecond answer\tafter\ndone\n",
    );
}

#[test]
fn yield_from_a_load_reader() {
    check(
        r#"
        local co = coroutine.wrap(function()
          local f = load(function() return coroutine.yield("need input") end)
          return f()
        end)
        print(co())
        print(co("return 1 + "))
        print(co("41"))
        print(co(nil))
        "#,
        "need input\nneed input\nneed input\n42\n",
    );
}

#[test]
fn yield_from_pairs_and_ipairs_metamethods() {
    check(
        r#"
        local t = setmetatable({}, {
          __pairs = function(self) coroutine.yield("pairs") return next, {7}, nil end,
          __index = function(_, i) if i <= 2 then return coroutine.yield("index " .. i) end end,
        })
        local co = coroutine.wrap(function()
          for k, v in pairs(t) do print("pair", k, v) end
          for i, v in ipairs(t) do print("ipair", i, v) end
          return "done"
        end)
        print(co()) print(co()) print(co("A")) print(co("B"))
        "#,
        "pairs\npair\t1\t7\nindex 1\nipair\t1\tA\nindex 2\nipair\t2\tB\ndone\n",
    );
}

#[test]
fn dofile_results_and_errors_propagate() {
    let dir = std::env::temp_dir().join(format!("saturn-stdlib-dofile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("script.lua");
    std::fs::write(
        &script,
        "#!/usr/bin/env lua\nlocal a = ... \nreturn 1, 2, a\n",
    )
    .unwrap();
    let failing = dir.join("failing.lua");
    std::fs::write(&failing, "\nerror('in file')\n").unwrap();
    let path = script.to_str().unwrap();
    let failing_path = failing.to_str().unwrap();
    check(
        &format!(
            r#"
            print(dofile("{path}"))
            print(loadfile("{path}")("arg"))
            print(loadfile("{path}", "b"))
            local env = {{}}
            print(select(2, pcall(loadfile("{failing_path}", "t", env))) == "{failing_path}:2: attempt to call a nil value (global 'error')")
            print(select(2, pcall(dofile, "{failing_path}")) == "{failing_path}:2: in file")
            "#
        ),
        "1\t2\tnil\n1\t2\targ\nnil\tattempt to load a text chunk (mode is 'b')\ntrue\ntrue\n",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
