//! Incremental marking: a cycle's marking spreads over many safe points,
//! the program mutates the heap between the steps, and nothing reachable
//! is lost, while weak tables, ephemerons, `__gc` and the string interner
//! keep their semantics. Also `collectgarbage("step")` and the parameters
//! that drive the pacer.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{check, new_state};
use saturn_vm::gc::GcPhase;
use saturn_vm::state::{Context, Lua};
use saturn_vm::table::Table;
use saturn_vm::value::Value;

/// Enough small tables that marking them takes many basic steps (and a
/// heap past the size from which sweeping is incremental too).
const BIG_HEAP: &str = "big = {} for i = 1, 100000 do big[i] = {i} end";

/// A state with a big heap, fully collected, the collector paused.
fn big_state() -> (Lua, Rc<RefCell<Vec<u8>>>) {
    let output = Rc::new(RefCell::new(Vec::new()));
    let mut lua = new_state(Rc::clone(&output));
    exec(&mut lua, BIG_HEAP);
    lua.gc_collect();
    assert_eq!(lua.gc_phase(), GcPhase::Paused);
    (lua, output)
}

#[track_caller]
fn exec(lua: &mut Lua, source: &str) {
    if let Err(e) = lua.exec(source.as_bytes(), "=input") {
        panic!("{}\nsource:\n{source}", e.message_lossy());
    }
}

/// Starts a cycle with one basic step; marking is under way afterwards.
fn start_cycle(lua: &mut Lua) {
    assert_eq!(lua.gc_phase(), GcPhase::Paused);
    assert!(!lua.gc_step_kb(0));
    assert_eq!(lua.gc_phase(), GcPhase::Marking);
}

/// Steps until the collector leaves `phase`; returns the steps taken.
fn step_while(lua: &mut Lua, phase: GcPhase) -> usize {
    let mut steps = 0;
    while lua.gc_phase() == phase {
        lua.gc_step();
        steps += 1;
        assert!(steps < 100_000, "the collector is stuck in {phase:?}");
    }
    steps
}

fn global_table<'gc>(ctx: Context<'gc>, name: &str) -> Table<'gc> {
    match ctx.get_global(name) {
        Value::Table(t) => t,
        other => panic!("global {name} is {}", other.type_name()),
    }
}

/// A new table with `__mode` set to `mode`.
fn weak_table<'gc>(ctx: Context<'gc>, mode: &str) -> Table<'gc> {
    let t = ctx.new_table();
    let mt = ctx.new_table();
    mt.set_str(ctx.mc, ctx.intern(b"__mode"), ctx.str(mode));
    ctx.set_metatable(Value::Table(t), Some(mt));
    t
}

/// A new table `{n}`.
fn boxed<'gc>(ctx: Context<'gc>, n: i64) -> Value<'gc> {
    let t = ctx.new_table();
    t.set_int(ctx.mc, 1, Value::Integer(n));
    Value::Table(t)
}

/// `t[1]` of a table value, when it is an integer.
fn first_integer<'gc>(ctx: Context<'gc>, value: Value<'gc>) -> Option<i64> {
    match value {
        Value::Table(t) => match t.get_int(ctx.mc, 1) {
            Value::Integer(i) => Some(i),
            _ => None,
        },
        _ => None,
    }
}

fn entry_count<'gc>(ctx: Context<'gc>, t: Table<'gc>) -> usize {
    let mut n = 0;
    let mut key = Value::Nil;
    while let Ok(Some((k, _))) = t.next(ctx.mc, key) {
        n += 1;
        key = k;
    }
    n
}

#[test]
fn marking_spans_many_safe_points() {
    let (mut lua, _) = big_state();
    start_cycle(&mut lua);
    let mark_steps = step_while(&mut lua, GcPhase::Marking);
    assert!(mark_steps >= 20, "marked in {mark_steps} steps");
    // A heap this size is swept incrementally too.
    assert_eq!(lua.gc_phase(), GcPhase::Sweeping);
    let sweep_steps = step_while(&mut lua, GcPhase::Sweeping);
    assert!(sweep_steps >= 2, "swept in {sweep_steps} steps");
    assert_eq!(lua.gc_phase(), GcPhase::Paused);
    // Below the threshold, a step does nothing.
    lua.gc_step();
    assert_eq!(lua.gc_phase(), GcPhase::Paused);
}

#[test]
fn allocation_between_steps_speeds_marking_up() {
    let (mut lua, _) = big_state();
    start_cycle(&mut lua);
    let idle = step_while(&mut lua, GcPhase::Marking);
    step_while(&mut lua, GcPhase::Sweeping);

    start_cycle(&mut lua);
    let mut allocating = 0;
    while lua.gc_phase() == GcPhase::Marking {
        lua.enter(|ctx| {
            for _ in 0..500 {
                boxed(ctx, 0);
            }
        });
        lua.gc_step();
        allocating += 1;
    }
    assert!(
        allocating * 2 < idle,
        "{allocating} steps while allocating, {idle} while idle"
    );
}

#[test]
fn a_cycle_ends_even_when_nothing_is_allocated() {
    // `gc_step` with no allocation at all still advances by a basic step.
    let (mut lua, _) = big_state();
    start_cycle(&mut lua);
    let steps = step_while(&mut lua, GcPhase::Marking) + step_while(&mut lua, GcPhase::Sweeping);
    assert!(steps < 10_000);
    assert_eq!(lua.gc_phase(), GcPhase::Paused);
}

#[test]
fn objects_stored_or_moved_during_marking_survive() {
    let (mut lua, output) = big_state();
    exec(
        &mut lua,
        r#"
        N = 2000
        a, b, fresh = {}, {}, {}
        for i = 1, N do a[i] = {id = i, payload = {i * 2}} end
        finalized = {}
        gcmeta = {__gc = function(o) finalized[#finalized + 1] = o.id end}
        gcobjs = {}
        for i = 1, 40 do gcobjs[i] = setmetatable({id = i}, gcmeta) end
        weakv = setmetatable({}, {__mode = "v"})
        eph = setmetatable({}, {__mode = "k"})
        keys = {}
        round = 0
        "#,
    );
    start_cycle(&mut lua);
    let mut rounds = 0;
    while lua.gc_phase() == GcPhase::Marking && rounds < 40 {
        // Each `exec` also takes a step at its end.
        exec(
            &mut lua,
            r#"
            round = round + 1
            local r = round
            -- Move objects from one container to the other: whichever of
            -- the two has been traced, the object must be found.
            for i = r, N, 7 do
              if a[i] then b[i] = a[i]; a[i] = nil
              elseif b[i] then a[i] = b[i]; b[i] = nil end
            end
            -- New objects stored in old tables.
            fresh[r] = {round = r, inner = {r}}
            big[(r * 7919) % 100000 + 1][2] = {tag = r}
            -- Weak values: one also held strongly, one not.
            local kept = {r}
            weakv["kept" .. r] = kept
            fresh[-r] = kept
            weakv["lost" .. r] = {r}
            -- Ephemerons: a live key, a dead one.
            local key = {}
            keys[r] = key
            eph[key] = {r}
            eph[{}] = {r}
            -- Finalizers: drop an old object, keep a new one.
            gcobjs[r] = nil
            fresh["gc" .. r] = setmetatable({id = 1000 + r}, gcmeta)
            "#,
        );
        rounds += 1;
    }
    assert!(rounds >= 10, "marking ended after {rounds} rounds");
    step_while(&mut lua, GcPhase::Marking);
    step_while(&mut lua, GcPhase::Sweeping);
    // Everything reachable made it through the cycle.
    let check_reachable = r#"
        for i = 1, N do
          local o = a[i] or b[i]
          assert(not (a[i] and b[i]), i)
          assert(o and o.id == i and o.payload[1] == 2 * i, i)
        end
        for r = 1, round do
          assert(fresh[r].round == r and fresh[r].inner[1] == r, r)
          assert(big[(r * 7919) % 100000 + 1][2].tag == r, r)
          assert(weakv["kept" .. r] == fresh[-r] and fresh[-r][1] == r, r)
          assert(eph[keys[r]][1] == r, r)
          assert(getmetatable(fresh["gc" .. r]) == gcmeta, r)
        end
        for i = 1, 100000 do assert(big[i][1] == i) end
    "#;
    exec(&mut lua, check_reachable);
    // Then a full collection: the dead are gone, the finalizers of the
    // dropped objects (and only those) ran.
    lua.gc_collect();
    exec(&mut lua, check_reachable);
    exec(
        &mut lua,
        r#"
        for r = 1, round do assert(weakv["lost" .. r] == nil, r) end
        local n = 0
        for k in pairs(eph) do n = n + 1 end
        -- Finalized: exactly the old objects dropped (ids 1..round).
        local seen = {}
        for _, id in ipairs(finalized) do
          assert(id >= 1 and id <= round and not seen[id], id)
          seen[id] = true
        end
        print(n == round, #finalized == round)
        "#,
    );
    assert_eq!(String::from_utf8_lossy(&output.borrow()), "true\ttrue\n");
}

#[test]
fn weak_values_read_during_marking_are_kept_and_the_rest_cleared() {
    let (mut lua, _) = big_state();
    // Two values held only by a weak table when the cycle starts.
    lua.enter(|ctx| {
        let weak = weak_table(ctx, "v");
        weak.set_int(ctx.mc, 1, boxed(ctx, 1));
        weak.set_int(ctx.mc, 2, boxed(ctx, 2));
        ctx.set_global("weakv", Value::Table(weak));
    });
    start_cycle(&mut lua);
    for _ in 0..5 {
        lua.gc_step();
    }
    assert_eq!(lua.gc_phase(), GcPhase::Marking);
    // Not marked yet, but still there: reading it and storing it keeps it.
    lua.enter(|ctx| {
        let weak = global_table(ctx, "weakv");
        let value = weak.get_int(ctx.mc, 1);
        assert!(matches!(value, Value::Table(_)));
        ctx.set_global("saved", value);
    });
    step_while(&mut lua, GcPhase::Marking);
    lua.enter(|ctx| {
        // Cleared at the end of marking, before the sweep.
        let weak = global_table(ctx, "weakv");
        assert!(weak.get_int(ctx.mc, 2).is_nil());
    });
    step_while(&mut lua, GcPhase::Sweeping);
    lua.enter(|ctx| {
        let weak = global_table(ctx, "weakv");
        let saved = global_table(ctx, "saved");
        assert!(matches!(weak.get_int(ctx.mc, 1), Value::Table(t) if Table::ptr_eq(t, saved)));
        assert!(matches!(saved.get_int(ctx.mc, 1), Value::Integer(1)));
        assert!(weak.get_int(ctx.mc, 2).is_nil());
        assert_eq!(entry_count(ctx, weak), 1);
    });
}

#[test]
fn ephemerons_written_during_marking_follow_their_keys() {
    let (mut lua, _) = big_state();
    lua.enter(|ctx| {
        let eph = weak_table(ctx, "k");
        // A live key whose value lives only through it, and a dead key.
        let live = ctx.new_table();
        eph.set(ctx.mc, Value::Table(live), boxed(ctx, 1)).unwrap();
        eph.set(ctx.mc, Value::Table(ctx.new_table()), boxed(ctx, 2))
            .unwrap();
        ctx.set_global("live", Value::Table(live));
        ctx.set_global("eph", Value::Table(eph));
    });
    start_cycle(&mut lua);
    for _ in 0..5 {
        lua.gc_step();
    }
    assert_eq!(lua.gc_phase(), GcPhase::Marking);
    lua.enter(|ctx| {
        let eph = global_table(ctx, "eph");
        // A new live key, and a chain: k1 -> k2 -> value, only k1 held.
        let fresh = ctx.new_table();
        eph.set(ctx.mc, Value::Table(fresh), boxed(ctx, 3)).unwrap();
        ctx.set_global("fresh", Value::Table(fresh));
        let (k1, k2) = (ctx.new_table(), ctx.new_table());
        eph.set(ctx.mc, Value::Table(k1), Value::Table(k2)).unwrap();
        eph.set(ctx.mc, Value::Table(k2), boxed(ctx, 4)).unwrap();
        ctx.set_global("k1", Value::Table(k1));
        // A new dead key.
        eph.set(ctx.mc, Value::Table(ctx.new_table()), boxed(ctx, 5))
            .unwrap();
    });
    step_while(&mut lua, GcPhase::Marking);
    step_while(&mut lua, GcPhase::Sweeping);
    lua.enter(|ctx| {
        let eph = global_table(ctx, "eph");
        let value_of = |name: &str| {
            let key = ctx.get_global(name);
            eph.get(ctx.mc, key)
        };
        let number = |v| first_integer(ctx, v);
        assert_eq!(number(value_of("live")), Some(1));
        assert_eq!(number(value_of("fresh")), Some(3));
        let Value::Table(k2) = value_of("k1") else {
            panic!("k1's value is gone")
        };
        assert_eq!(number(eph.get(ctx.mc, Value::Table(k2))), Some(4));
        // live, fresh, k1, k2.
        assert_eq!(entry_count(ctx, eph), 4);
    });
}

#[test]
fn strings_interned_while_their_old_copy_is_unmarked_stay_unique() {
    let (mut lua, _) = big_state();
    // The string lives only in a table entry when the cycle starts.
    let first = lua.enter(|ctx| {
        let holder = ctx.new_table();
        let s = ctx.intern(b"incremental: unique string");
        holder.set_int(ctx.mc, 1, Value::String(s));
        ctx.set_global("holder", Value::Table(holder));
        s.as_ptr() as usize
    });
    start_cycle(&mut lua);
    for _ in 0..5 {
        lua.gc_step();
    }
    assert_eq!(lua.gc_phase(), GcPhase::Marking);
    lua.enter(|ctx| {
        // Drop the only reference, then intern the bytes again: marking is
        // under way, so the old object is still alive and is the answer.
        global_table(ctx, "holder").set_int(ctx.mc, 1, Value::Nil);
        let again = ctx.intern(b"incremental: unique string");
        assert_eq!(again.as_ptr() as usize, first);
        ctx.set_global("kept", Value::String(again));
    });
    step_while(&mut lua, GcPhase::Marking);
    step_while(&mut lua, GcPhase::Sweeping);
    lua.enter(|ctx| {
        let Value::String(kept) = ctx.get_global("kept") else {
            panic!("the string was lost")
        };
        assert_eq!(kept.as_bytes(), b"incremental: unique string");
        assert_eq!(kept.as_ptr() as usize, first);
        assert_eq!(
            ctx.intern(b"incremental: unique string").as_ptr() as usize,
            first
        );
    });
}

#[test]
fn strings_found_dead_are_not_handed_out_while_sweeping() {
    let output = Rc::new(RefCell::new(Vec::new()));
    let mut lua = new_state(output);
    // Created before the big heap: the sweep, which goes from the newest
    // objects to the oldest, reaches it last.
    lua.enter(|ctx| {
        let holder = ctx.new_table();
        holder.set_int(
            ctx.mc,
            1,
            Value::String(ctx.intern(b"incremental: dies before the cycle")),
        );
        ctx.set_global("holder", Value::Table(holder));
    });
    exec(&mut lua, BIG_HEAP);
    lua.gc_collect();
    let old = lua.enter(|ctx| {
        let holder = global_table(ctx, "holder");
        let Value::String(s) = holder.get_int(ctx.mc, 1) else {
            panic!()
        };
        holder.set_int(ctx.mc, 1, Value::Nil);
        s.as_ptr() as usize
    });
    start_cycle(&mut lua);
    step_while(&mut lua, GcPhase::Marking);
    assert_eq!(lua.gc_phase(), GcPhase::Sweeping);
    let fresh = lua.enter(|ctx| {
        // The old object is found dead but not freed yet: interning makes
        // a new one.
        let s = ctx.intern(b"incremental: dies before the cycle");
        assert_eq!(s.as_bytes(), b"incremental: dies before the cycle");
        ctx.set_global("kept", Value::String(s));
        s.as_ptr() as usize
    });
    assert_ne!(fresh, old);
    step_while(&mut lua, GcPhase::Sweeping);
    lua.enter(|ctx| {
        let Value::String(kept) = ctx.get_global("kept") else {
            panic!("the string was lost")
        };
        assert_eq!(kept.as_bytes(), b"incremental: dies before the cycle");
        assert_eq!(kept.as_ptr() as usize, fresh);
        let again = ctx.intern(b"incremental: dies before the cycle");
        assert_eq!(again.as_ptr() as usize, fresh);
    });
}

#[test]
fn collect_finishes_the_cycle_under_way_then_runs_a_full_one() {
    for phase in [GcPhase::Marking, GcPhase::Sweeping] {
        let (mut lua, _) = big_state();
        lua.enter(|ctx| {
            let weak = weak_table(ctx, "v");
            let victim = boxed(ctx, 1);
            weak.set_int(ctx.mc, 1, victim);
            ctx.set_global("weakv", Value::Table(weak));
            ctx.set_global("victim", victim);
        });
        start_cycle(&mut lua);
        if phase == GcPhase::Sweeping {
            // Marking done: the victim is marked for this cycle.
            step_while(&mut lua, GcPhase::Marking);
        }
        assert_eq!(lua.gc_phase(), phase);
        lua.enter(|ctx| ctx.set_global("victim", Value::Nil));
        lua.gc_collect();
        assert_eq!(lua.gc_phase(), GcPhase::Paused);
        lua.enter(|ctx| {
            let weak = global_table(ctx, "weakv");
            assert!(weak.get_int(ctx.mc, 1).is_nil(), "in {phase:?}");
        });
    }
}

#[test]
fn step_answers_true_only_when_it_finishes_a_cycle() {
    check(
        &format!(
            r#"
        {BIG_HEAP}
        collectgarbage()
        collectgarbage("stop")
        local first = collectgarbage("step", 0)
        local n = 1
        while not collectgarbage("step", 0) do n = n + 1 end
        print(first, n > 20, collectgarbage("isrunning"))
        local function dosteps(size)
          collectgarbage()
          local a = {{}}
          for i = 1, 100 do a[i] = {{{{}}}}; local b = {{}} end
          local x = collectgarbage("count")
          local i = 0
          repeat i = i + 1 until collectgarbage("step", size)
          assert(collectgarbage("count") < x)
          return i
        end
        print(dosteps(10) < dosteps(2), dosteps(1000) < dosteps(10), dosteps(100000))
        print(collectgarbage("step", 100000), collectgarbage("step", 100000))
        print(collectgarbage("step", -1))
        collectgarbage("setstepmul", 400)
        local fast = dosteps(10)
        collectgarbage("setstepmul", 100)
        print(fast < dosteps(10))
        print(collectgarbage("isrunning"), collectgarbage("restart"), collectgarbage("isrunning"))
        "#
        ),
        "false\ttrue\tfalse\n\
         true\ttrue\t1\n\
         true\ttrue\n\
         false\n\
         true\n\
         false\t0\ttrue\n",
    );
}

#[test]
fn the_pause_sets_how_far_the_heap_grows() {
    check(
        r#"
        local live = {}
        for i = 1, 30000 do live[i] = {i} end
        local function peak(pause)
          collectgarbage("setpause", pause)
          collectgarbage()
          local base = collectgarbage("count")
          local top = base
          for i = 1, 150000 do
            local garbage = {i}
            if i % 100 == 0 then
              local c = collectgarbage("count")
              if c > top then top = c end
            end
          end
          return top / base
        end
        local tight, loose = peak(100), peak(400)
        print(tight < 1.6, loose > 2.5, loose < 5.5)
        collectgarbage("setpause", 200)
        "#,
        "true\ttrue\ttrue\n",
    );
}

#[test]
fn the_collector_keeps_up_once_restarted() {
    // From the official suite's gc.lua: "test the pace of the collector".
    check(
        r#"
        collectgarbage(); collectgarbage()
        local x = collectgarbage("count")
        collectgarbage("stop")
        repeat local a = {} until collectgarbage("count") > 3 * x
        collectgarbage("restart")
        repeat local a = {} until collectgarbage("count") <= x * 2
        print("kept up")
        "#,
        "kept up\n",
    );
}

#[test]
fn weird_parameters_do_not_hang_the_collector() {
    // From the official suite's gc.lua.
    check(
        r#"
        local a = collectgarbage("setpause", 200)
        local b = collectgarbage("setstepmul", 200)
        local t = {0, 2, 10, 90, 500, 5000, 30000, 0x7ffffffe}
        for i = 1, #t do
          local p = t[i]
          for j = 1, #t do
            local m = t[j]
            collectgarbage("setpause", p)
            collectgarbage("setstepmul", m)
            collectgarbage("step", 0)
            collectgarbage("step", 10000)
          end
        end
        collectgarbage("setpause", a)
        collectgarbage("setstepmul", b)
        collectgarbage()
        print(a, b, collectgarbage("setpause", 200), collectgarbage("setstepmul", 100))
        print(collectgarbage("incremental", 0, 0, 0), collectgarbage("setpause", 200))
        print(collectgarbage("incremental", 300, 0, 0), collectgarbage("setpause", 200))
        print(collectgarbage("setpause", 0x7ffffffe), collectgarbage("setpause", -8))
        print(collectgarbage("setpause", 200))
        "#,
        "200\t100\t200\t100\n\
         incremental\t200\n\
         incremental\t300\n\
         200\t1020\n\
         1016\n",
    );
}
