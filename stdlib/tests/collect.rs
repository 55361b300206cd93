//! `collectgarbage`: every option, and collection that really happens.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{check, new_state};

#[test]
fn options_answer_as_the_manual_says() {
    check(
        r#"
        print(type(collectgarbage("count")), collectgarbage("count") > 0)
        print(collectgarbage("isrunning"), collectgarbage("stop"), collectgarbage("isrunning"))
        print(collectgarbage("restart"), collectgarbage("isrunning"))
        print(collectgarbage("incremental"), collectgarbage("generational"), collectgarbage("incremental"))
        print(collectgarbage("incremental", 100, 200, 10), collectgarbage("generational", 20, 100))
        print(collectgarbage("incremental"))
        print(collectgarbage(), collectgarbage("collect"), collectgarbage(nil))
        print(type(collectgarbage("step")), type(collectgarbage("step", 100)))
        print(collectgarbage("setpause", 150), collectgarbage("setpause", 200))
        print(collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 100))
        print(pcall(collectgarbage, "bogus"))
        print(pcall(collectgarbage, {}))
        print(pcall(collectgarbage, "step", "x"))
        print(pcall(collectgarbage, "incremental", 1.5))
        "#,
        "number\ttrue\n\
         true\t0\tfalse\n\
         0\ttrue\n\
         incremental\tincremental\tgenerational\n\
         incremental\tincremental\n\
         generational\n\
         0\t0\t0\n\
         boolean\tboolean\n\
         100\t148\n\
         200\t300\n\
         false\tbad argument #1 to 'collectgarbage' (invalid option 'bogus')\n\
         false\tbad argument #1 to 'collectgarbage' (string expected, got table)\n\
         false\tbad argument #2 to 'collectgarbage' (number expected, got string)\n\
         false\tbad argument #2 to 'collectgarbage' (number has no integer representation)\n",
    );
}

#[test]
fn collect_runs_a_full_cycle_with_finalizers() {
    check(
        r#"
        local log = {}
        do setmetatable({}, {__gc = function() log[#log + 1] = "finalized" end}) end
        collectgarbage()
        print(log[1])
        local weak = setmetatable({}, {__mode = "v"})
        weak[1] = {}
        collectgarbage()
        print(weak[1])
        local before = collectgarbage("count")
        do local big = {} for i = 1, 10000 do big[i] = {} end end
        local during = collectgarbage("count")
        collectgarbage()
        print(during > before, collectgarbage("count") < during)
        "#,
        "finalized\nnil\ntrue\ttrue\n",
    );
}

#[test]
fn collect_works_inside_a_coroutine() {
    check(
        r#"
        local co = coroutine.wrap(function()
          local weak = setmetatable({}, {__mode = "k"})
          weak[{}] = true
          collectgarbage()
          print(next(weak))
          coroutine.yield("yielded")
          return collectgarbage("collect")
        end)
        print(co()) print(co())
        "#,
        "nil\nyielded\n0\n",
    );
}

#[test]
fn finalizers_of_a_cycle_run_in_reverse_registration_order() {
    check(
        r#"
        local order = {}
        local function mk(name)
          return setmetatable({}, {__gc = function() order[#order + 1] = name end})
        end
        do local a, b, c = mk("a"), mk("b"), mk("c") end
        collectgarbage()
        print(order[1], order[2], order[3])
        "#,
        "c\tb\ta\n",
    );
}

#[test]
fn closing_the_state_runs_pending_finalizers_newest_first() {
    let output = Rc::new(RefCell::new(Vec::new()));
    let mut lua = new_state(Rc::clone(&output));
    lua.exec(
        br#"
        local function obj(name)
          return setmetatable({}, {__gc = function() print("finalizing " .. name) end})
        end
        a, b, c = obj("first"), obj("second"), obj("third")
        print("end of script")
        "#,
        "=input",
    )
    .expect("script runs");
    lua.close();
    assert_eq!(
        String::from_utf8_lossy(&output.borrow()),
        "end of script\nfinalizing third\nfinalizing second\nfinalizing first\n"
    );
}

#[test]
fn a_weak_table_resurrected_by_a_finalizer_keeps_its_ephemerons() {
    check(
        r#"
        local saved
        do
          local weak = setmetatable({}, {__mode = "k"})
          local key = {}
          weak[key] = {"value"}
          setmetatable({}, {__gc = function() saved = {weak, key} end})
        end
        collectgarbage()
        print(saved[1][saved[2]][1])
        collectgarbage()
        collectgarbage()
        print(saved[1][saved[2]][1], next(saved[1]) == saved[2])
        saved[2] = nil
        collectgarbage()
        print(next(saved[1]))
        "#,
        "value\nvalue\ttrue\nnil\n",
    );
}
