//! The syntax tree of a generated program and its rendering as Lua text.
//!
//! The generator builds this tree rather than text so that the minimiser can
//! reduce a failing program structurally (drop a statement, replace an
//! expression by one of its operands) and always print well-formed Lua.
//! Rendering is deliberately explicit: every binary and unary operation is
//! parenthesised, so a reduction can never change the meaning of the
//! surrounding expression through precedence.

use std::fmt::Write;

/// A Lua expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Literal text printed as is (`1`, `-0.0`, `"abc"`, `math.maxinteger`, `nil`).
    Lit(String),
    /// A variable name.
    Name(String),
    /// `...`
    Vararg,
    /// `(op operand)`
    Unary(&'static str, Box<Expr>),
    /// `(left op right)`
    Binary(&'static str, Box<Expr>, Box<Expr>),
    /// `callee(args)`
    Call(Box<Expr>, Vec<Expr>),
    /// `object:name(args)`
    Method(Box<Expr>, String, Vec<Expr>),
    /// `object[key]`
    Index(Box<Expr>, Box<Expr>),
    /// `object.name`
    Field(Box<Expr>, String),
    /// `{ fields }`
    Table(Vec<TableField>),
    /// `function(params) body end`
    Function(Box<FuncBody>),
    /// `(expr)`: truncates multiple results to one.
    Paren(Box<Expr>),
}

/// One entry of a table constructor.
#[derive(Debug, Clone, PartialEq)]
pub enum TableField {
    /// `value` (positional)
    Positional(Expr),
    /// `name = value`
    Named(String, Expr),
    /// `[key] = value`
    Keyed(Expr, Expr),
}

/// Parameters and body of a function.
#[derive(Debug, Clone, PartialEq)]
pub struct FuncBody {
    pub params: Vec<String>,
    pub vararg: bool,
    pub body: Block,
}

/// A sequence of statements.
pub type Block = Vec<Stmt>;

/// How many times a generated loop may iterate before it breaks out by
/// itself: loops are bounded whatever their condition, so a reduced program
/// cannot hang.
pub const LOOP_LIMIT: u32 = 7;

/// A Lua statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    /// `local a <attrib>, b = values`
    Local {
        names: Vec<(String, Option<&'static str>)>,
        values: Vec<Expr>,
    },
    /// `targets = values`
    Assign {
        targets: Vec<Expr>,
        values: Vec<Expr>,
    },
    /// A call used as a statement.
    Call(Expr),
    /// `if c then ... elseif c then ... else ... end`
    If {
        arms: Vec<(Expr, Block)>,
        otherwise: Option<Block>,
    },
    /// A loop: its guard counter, its kind, its body and the label `goto`
    /// jumps to for "continue" (placed at the end of the body).
    Loop {
        guard: String,
        kind: Box<LoopKind>,
        body: Block,
        label: String,
    },
    /// `do ... end`
    Do(Block),
    /// `local function name(params) body end`
    LocalFunction { name: String, func: Box<FuncBody> },
    /// `return values` (only ever last in a block)
    Return(Vec<Expr>),
    /// `break`
    Break,
    /// `goto label`
    Goto(String),
    /// `::label::`
    Label(String),
}

/// The head of a loop.
#[derive(Debug, Clone, PartialEq)]
pub enum LoopKind {
    /// `while cond do`
    While(Expr),
    /// `repeat ... until cond`
    Repeat(Expr),
    /// `for var = start, stop[, step] do`
    Numeric {
        var: String,
        start: Expr,
        stop: Expr,
        step: Option<Expr>,
    },
    /// `for names in exprs do`
    Generic {
        names: Vec<String>,
        exprs: Vec<Expr>,
    },
}

/// A whole generated program: a fixed prelude (helpers that print values
/// without addresses or hash order) followed by the generated statements.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub body: Block,
}

/// Helpers every program starts with. `out(...)` prints its arguments'
/// count and values: strings through `%q`, NaN as `nan` whatever its sign,
/// tables by their `name` field, functions by their type, never an
/// address. `tostr` is `tostring` without addresses, `id` hides a
/// constant from the compiler, `clip` bounds string
/// growth, `dump` lists a table's number and string keys in sorted order,
/// `snapshot` copies a table for a traversal whose body may modify it.
pub const PRELUDE: &str = r#"local function tag(x)
  local t = type(x)
  if t == "number" then
    if x ~= x then return "nan" end
    return tostring(x)
  elseif t == "string" then return x
  elseif t == "table" then
    local n = rawget(x, "name")
    if type(n) == "string" then return n end
    return "table"
  elseif t == "nil" or t == "boolean" then return tostring(x)
  end
  return t
end
local function show(x)
  if type(x) == "string" then return string.format("%q", x) end
  if type(x) == "table" then return "{" .. tag(x) .. "}" end
  return tag(x)
end
local function out(...)
  local n = select('#', ...)
  local parts = {}
  for i = 1, n do parts[i] = show((select(i, ...))) end
  print(n .. ": " .. table.concat(parts, " "))
end
local function tostr(x)
  local t = type(x)
  if t == "table" then
    local mt = getmetatable(x)
    if type(mt) == "table" and rawget(mt, "__tostring") then return tostring(x) end
    return tag(x)
  elseif t == "function" or t == "thread" or t == "userdata" then return t end
  return tostring(x)
end
local function id(...) return ... end
local function clip(x)
  if type(x) == "string" and #x > 64 then return string.sub(x, 1, 64) end
  return x
end
local function snapshot(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end
local function dump(t)
  if type(t) ~= "table" then return tag(t) end
  local keys, other = {}, 0
  for k in pairs(t) do
    local kt = type(k)
    if kt == "number" or kt == "string" then keys[#keys + 1] = k else other = other + 1 end
  end
  table.sort(keys, function(a, b)
    if type(a) ~= type(b) then return type(a) == "number" end
    return a < b
  end)
  local parts = {}
  for i, k in ipairs(keys) do parts[i] = tag(k) .. "=" .. show(rawget(t, k)) end
  return table.concat(parts, ",") .. (other > 0 and (" +" .. other) or "")
end
"#;

impl Program {
    /// The complete Lua source.
    pub fn render(&self) -> String {
        let mut out = String::from(PRELUDE);
        render_block(&mut out, &self.body, 0);
        out
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn render_block(out: &mut String, block: &Block, depth: usize) {
    for stmt in block {
        render_stmt(out, stmt, depth);
    }
}

fn render_list(out: &mut String, exprs: &[Expr]) {
    for (i, e) in exprs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        render_expr(out, e);
    }
}

fn render_stmt(out: &mut String, stmt: &Stmt, depth: usize) {
    indent(out, depth);
    match stmt {
        Stmt::Local { names, values } => {
            out.push_str("local ");
            for (i, (name, attrib)) in names.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(name);
                if let Some(a) = attrib {
                    let _ = write!(out, " <{a}>");
                }
            }
            if !values.is_empty() {
                out.push_str(" = ");
                render_list(out, values);
            }
            out.push('\n');
        }
        Stmt::Assign { targets, values } => {
            render_list(out, targets);
            out.push_str(" = ");
            render_list(out, values);
            out.push('\n');
        }
        Stmt::Call(e) => {
            render_expr(out, e);
            out.push('\n');
        }
        Stmt::If { arms, otherwise } => {
            for (i, (cond, body)) in arms.iter().enumerate() {
                if i > 0 {
                    indent(out, depth);
                    out.push_str("else");
                }
                out.push_str("if ");
                render_expr(out, cond);
                out.push_str(" then\n");
                render_block(out, body, depth + 1);
            }
            if let Some(body) = otherwise {
                indent(out, depth);
                out.push_str("else\n");
                render_block(out, body, depth + 1);
            }
            indent(out, depth);
            out.push_str("end\n");
        }
        Stmt::Loop {
            guard,
            kind,
            body,
            label,
        } => render_loop(out, guard, kind, body, label, depth),
        Stmt::Do(body) => {
            out.push_str("do\n");
            render_block(out, body, depth + 1);
            indent(out, depth);
            out.push_str("end\n");
        }
        Stmt::LocalFunction { name, func } => {
            let _ = write!(out, "local function {name}");
            render_func(out, func, depth);
            out.push('\n');
        }
        Stmt::Return(values) => {
            out.push_str("return");
            if !values.is_empty() {
                out.push(' ');
                render_list(out, values);
            }
            out.push('\n');
        }
        Stmt::Break => out.push_str("break\n"),
        Stmt::Goto(label) => {
            let _ = writeln!(out, "goto {label}");
        }
        Stmt::Label(label) => {
            let _ = writeln!(out, "::{label}::");
        }
    }
}

/// Every loop is wrapped so that it stops after [`LOOP_LIMIT`] iterations,
/// and its body sits in a `do ... end` ending with the continue label (a
/// label at the end of a block may follow local declarations).
fn render_loop(
    out: &mut String,
    guard: &str,
    kind: &LoopKind,
    body: &Block,
    label: &str,
    depth: usize,
) {
    let _ = writeln!(out, "do local {guard} = 0");
    indent(out, depth + 1);
    match kind {
        LoopKind::While(cond) => {
            out.push_str("while ");
            render_expr(out, cond);
            out.push_str(" do\n");
        }
        LoopKind::Repeat(_) => out.push_str("repeat\n"),
        LoopKind::Numeric {
            var,
            start,
            stop,
            step,
        } => {
            let _ = write!(out, "for {var} = ");
            render_expr(out, start);
            out.push_str(", ");
            render_expr(out, stop);
            if let Some(step) = step {
                out.push_str(", ");
                render_expr(out, step);
            }
            out.push_str(" do\n");
        }
        LoopKind::Generic { names, exprs } => {
            let _ = write!(out, "for {} in ", names.join(", "));
            render_list(out, exprs);
            out.push_str(" do\n");
        }
    }
    indent(out, depth + 2);
    let _ = writeln!(
        out,
        "{guard} = {guard} + 1 if {guard} > {LOOP_LIMIT} then break end"
    );
    indent(out, depth + 2);
    out.push_str("do\n");
    render_block(out, body, depth + 3);
    indent(out, depth + 3);
    let _ = writeln!(out, "::{label}::");
    indent(out, depth + 2);
    out.push_str("end\n");
    indent(out, depth + 1);
    match kind {
        LoopKind::Repeat(cond) => {
            out.push_str("until ");
            render_expr(out, cond);
            out.push('\n');
        }
        _ => out.push_str("end\n"),
    }
    indent(out, depth);
    out.push_str("end\n");
}

fn render_func(out: &mut String, func: &FuncBody, depth: usize) {
    out.push('(');
    out.push_str(&func.params.join(", "));
    if func.vararg {
        if !func.params.is_empty() {
            out.push_str(", ");
        }
        out.push_str("...");
    }
    out.push_str(")\n");
    render_block(out, &func.body, depth + 1);
    indent(out, depth);
    out.push_str("end");
}

/// True when `e` renders as a Lua prefix expression (something that may be
/// called, indexed or followed by `:method`).
fn is_prefix(e: &Expr) -> bool {
    match e {
        Expr::Name(_)
        | Expr::Call(..)
        | Expr::Method(..)
        | Expr::Index(..)
        | Expr::Field(..)
        | Expr::Paren(_) => true,
        // `math.maxinteger` and friends are field accesses written literally.
        Expr::Lit(s) => {
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                && s.starts_with(|c: char| c.is_ascii_alphabetic())
                && !matches!(s.as_str(), "nil" | "true" | "false")
        }
        _ => false,
    }
}

fn render_prefix(out: &mut String, e: &Expr) {
    if is_prefix(e) {
        render_expr(out, e);
    } else {
        out.push('(');
        render_expr(out, e);
        out.push(')');
    }
}

/// `[key]`, spaced when the key is a long string (`t[ [[s]] ]`, since
/// `t[[[s]]]` would open a long string at the first bracket).
fn render_key(out: &mut String, key: &Expr) {
    let mut text = String::new();
    render_expr(&mut text, key);
    if text.starts_with('[') {
        let _ = write!(out, "[ {text} ]");
    } else {
        let _ = write!(out, "[{text}]");
    }
}

/// `a op b` without the outer parentheses. A right operand with the same
/// right-associative operator (`..`, `^`) is written without its own
/// parentheses, so chains such as `a .. b .. c` reach the compiler as
/// written (a concatenation chain is one instruction in PUC Lua).
fn render_operands(out: &mut String, op: &str, a: &Expr, b: &Expr) {
    render_expr(out, a);
    let _ = write!(out, " {op} ");
    match b {
        Expr::Binary(inner, x, y) if *inner == op && matches!(op, ".." | "^") => {
            render_operands(out, inner, x, y)
        }
        _ => render_expr(out, b),
    }
}

/// Renders an expression on one line (function bodies are rendered at
/// depth 0 inside expressions; indentation there is cosmetic).
pub fn render_expr(out: &mut String, e: &Expr) {
    match e {
        Expr::Lit(s) | Expr::Name(s) => out.push_str(s),
        Expr::Vararg => out.push_str("..."),
        Expr::Unary(op, x) => {
            let _ = write!(out, "({op} ");
            render_expr(out, x);
            out.push(')');
        }
        Expr::Binary(op, a, b) => {
            out.push('(');
            render_operands(out, op, a, b);
            out.push(')');
        }
        Expr::Call(f, args) => {
            render_prefix(out, f);
            out.push('(');
            render_list(out, args);
            out.push(')');
        }
        Expr::Method(obj, name, args) => {
            render_prefix(out, obj);
            let _ = write!(out, ":{name}(");
            render_list(out, args);
            out.push(')');
        }
        Expr::Index(obj, key) => {
            render_prefix(out, obj);
            render_key(out, key);
        }
        Expr::Field(obj, name) => {
            render_prefix(out, obj);
            let _ = write!(out, ".{name}");
        }
        Expr::Table(fields) => {
            out.push('{');
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match f {
                    TableField::Positional(v) => render_expr(out, v),
                    TableField::Named(n, v) => {
                        let _ = write!(out, "{n} = ");
                        render_expr(out, v);
                    }
                    TableField::Keyed(k, v) => {
                        render_key(out, k);
                        out.push_str(" = ");
                        render_expr(out, v);
                    }
                }
            }
            out.push('}');
        }
        Expr::Function(func) => {
            out.push_str("function");
            render_func(out, func, 0);
        }
        Expr::Paren(x) => {
            out.push('(');
            render_expr(out, x);
            out.push(')');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Expr {
        Expr::Lit(s.to_string())
    }

    #[test]
    fn negative_operands_never_form_a_comment() {
        let e = Expr::Binary("-", Box::new(lit("1")), Box::new(lit("-1")));
        let mut s = String::new();
        render_expr(&mut s, &e);
        assert_eq!(s, "(1 - -1)");
        let mut s = String::new();
        render_expr(&mut s, &Expr::Unary("-", Box::new(lit("-1"))));
        assert_eq!(s, "(- -1)");
    }

    #[test]
    fn non_prefix_objects_are_parenthesised() {
        let e = Expr::Method(Box::new(lit("\"ab\"")), "upper".into(), vec![]);
        let mut s = String::new();
        render_expr(&mut s, &e);
        assert_eq!(s, "(\"ab\"):upper()");
        let e = Expr::Field(Box::new(lit("math.maxinteger")), "x".into());
        let mut s = String::new();
        render_expr(&mut s, &e);
        assert_eq!(s, "math.maxinteger.x");
    }
}
