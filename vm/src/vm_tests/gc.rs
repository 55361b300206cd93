//! Memory: collection of garbage, finalizers (and their errors as warnings),
//! weak and ephemeron tables, and the memory limit.

use std::cell::RefCell;
use std::rc::Rc;

use crate::bytecode::{Constant, Op, RK};
use crate::value::Value;

use super::*;

#[test]
fn garbage_is_collected_and_finalizers_run() {
    let mut lua = new_lua();
    let before = lua.memory_used();
    // Build a big table and drop it.
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::NewTable {
            a: 0,
            array: 0,
            hash: 0,
        },
        Op::LoadI { a: 1, value: 1 },
        Op::LoadK { a: 2, k: 0 },
        Op::LoadI { a: 3, value: 1 },
        Op::ForPrep { a: 1, target: 7 },
        Op::SetTable {
            a: 0,
            b: 4,
            value: RK::Reg(4),
        },
        Op::ForLoop { a: 1, target: 6 },
        Op::Return0,
    ])
    .k(vec![Constant::Integer(100_000)]);
    run_on(&mut lua, asm).unwrap();
    lua.gc_collect();
    let after = lua.memory_used();
    assert!(after < before + 200_000, "before {before}, after {after}");

    // A table with __gc is finalized once unreachable.
    let gc_fn = Asm::function(
        vec![
            Op::GetTabUp { a: 1, b: 0, key: 0 },
            Op::LoadK { a: 2, k: 1 },
            Op::Call { a: 1, b: 2, c: 1 },
            Op::Return0,
        ],
        1,
        1,
    )
    .k(vec![s("record"), s("finalized")])
    .upvalues(&[("_ENV", false, 0)]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::NewTable {
            a: 1,
            array: 0,
            hash: 0,
        },
        Op::NewTable {
            a: 2,
            array: 0,
            hash: 1,
        },
        Op::Closure { a: 3, proto: 0 },
        Op::SetField {
            a: 2,
            key: 1,
            value: RK::Reg(3),
        },
        Op::Call { a: 0, b: 3, c: 1 },
        Op::Return0,
    ])
    .k(vec![s("setmetatable"), s("__gc")])
    .protos(vec![gc_fn]);
    run_on(&mut lua, asm).unwrap();
    lua.gc_collect();
    assert_eq!(output(), vec!["finalized"]);
}

#[test]
fn weak_values_are_cleared() {
    let mut lua = new_lua();
    let weak = lua.enter(|ctx| {
        let t = ctx.new_table();
        let mt = ctx.new_table();
        mt.set_str(ctx.mc, ctx.intern(b"__mode"), ctx.str("v"));
        ctx.set_metatable(Value::Table(t), Some(mt));
        t.set_int(ctx.mc, 1, Value::Table(ctx.new_table()));
        t.set_int(ctx.mc, 2, ctx.str("strings stay"));
        ctx.stash(Value::Table(t))
    });
    lua.gc_collect();
    lua.enter(|ctx| {
        let Value::Table(t) = ctx.fetch(&weak) else {
            panic!()
        };
        assert!(t.get_int(ctx.mc, 1).is_nil());
        assert!(!t.get_int(ctx.mc, 2).is_nil());
    });
}

#[test]
fn memory_limit_raises_not_enough_memory() {
    let mut lua = source_lua();
    lua.set_memory_limit(Some(8 << 20));
    let err = lua
        .exec(b"local t = {} for i = 1, 1e8 do t[i] = {} end", "=limit")
        .unwrap_err();
    assert_eq!(err.message_lossy(), "not enough memory");
    assert_eq!(err.kind, crate::error::ErrorKind::Memory);
    // The state is still usable once the garbage is gone.
    lua.gc_collect();
    assert!(lua.memory_used() < 8 << 20);
    assert_eq!(
        lua.eval_to_strings(b"return 1 + 1", "=after").unwrap(),
        vec!["2"]
    );
}

#[test]
fn userdata_finalizers_and_gc_errors_become_warnings() {
    let mut lua = source_lua();
    let warnings = Rc::new(RefCell::new(Vec::<String>::new()));
    let sink = Rc::clone(&warnings);
    lua.enter(|ctx| {
        let mut w = ctx.state.warnings.borrow_mut();
        w.on = true;
        w.sink = Some(Box::new(move |m: &[u8]| {
            sink.borrow_mut()
                .push(String::from_utf8_lossy(m).into_owned())
        }));
    });
    lua.enter(|ctx| {
        let ud = crate::userdata::UserData::new(ctx.mc, Box::new(42u32));
        assert_eq!(ud.downcast_ref::<u32>().map(|v| *v), Some(42));
        let mt = ctx.new_table();
        let gc_fn = ctx
            .load(b"print('ud finalized'); error('in gc', 0)", b"=gc", None)
            .unwrap();
        mt.set_str(
            ctx.mc,
            ctx.meta_name(crate::meta::MetaEvent::Gc),
            Value::from(gc_fn),
        );
        ctx.set_metatable(Value::UserData(ud), Some(mt));
    });
    lua.gc_collect();
    assert_eq!(output(), vec!["ud finalized"]);
    assert_eq!(
        *warnings.borrow(),
        vec!["error in __gc (in gc)".to_string()]
    );
}

#[test]
fn ephemeron_tables_keep_values_only_through_live_keys() {
    let mut lua = source_lua();
    let (weak, kept_key) = lua.enter(|ctx| {
        let t = ctx.new_table();
        let mt = ctx.new_table();
        mt.set_str(ctx.mc, ctx.intern(b"__mode"), ctx.str("k"));
        ctx.set_metatable(Value::Table(t), Some(mt));
        // A dead key whose value refers back to the key: must still go.
        let dead = ctx.new_table();
        let cycle = ctx.new_table();
        cycle.set_int(ctx.mc, 1, Value::Table(dead));
        t.set(ctx.mc, Value::Table(dead), Value::Table(cycle))
            .unwrap();
        // A live key: its value stays.
        let live = ctx.new_table();
        t.set(ctx.mc, Value::Table(live), ctx.str("value")).unwrap();
        (ctx.stash(Value::Table(t)), ctx.stash(Value::Table(live)))
    });
    lua.gc_collect();
    lua.enter(|ctx| {
        let Value::Table(t) = ctx.fetch(&weak) else {
            panic!()
        };
        let live = ctx.fetch(&kept_key);
        assert_eq!(t.get(ctx.mc, live).to_display_bytes(), b"value");
        let mut count = 0;
        let mut key = Value::Nil;
        while let Ok(Some((k, _))) = t.next(ctx.mc, key) {
            count += 1;
            key = k;
        }
        assert_eq!(count, 1);
    });
}
