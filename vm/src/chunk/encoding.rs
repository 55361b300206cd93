//! The byte-level encoding shared by the writer and the reader: PUC's
//! variable-length sizes, little-endian numbers, and Saturn's encoding of
//! instructions (an opcode byte, then each operand in declaration order).
//!
//! One table ([`instructions!`]) lists every instruction with its opcode,
//! so that encoding and decoding cannot disagree.

use crate::bytecode::{Op, RK};

/// Why a chunk cannot be loaded: the text inside PUC's `bad binary format
/// (...)` message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Malformed(pub &'static str);

pub(super) const TRUNCATED: Malformed = Malformed("truncated chunk");

/// Appends the encoding of a chunk.
#[derive(Default)]
pub(super) struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// PUC's `dumpSize`: 7 bits per byte, most significant group first,
    /// the last byte marked with its high bit.
    pub fn size(&mut self, x: u64) {
        let mut groups = [0u8; 10];
        let mut n = 0;
        let mut rest = x;
        loop {
            groups[n] = (rest & 0x7f) as u8;
            n += 1;
            rest >>= 7;
            if rest == 0 {
                break;
            }
        }
        groups[0] |= 0x80;
        for i in (0..n).rev() {
            self.byte(groups[i]);
        }
    }

    /// A signed value as a size (zigzag: small magnitudes stay short).
    pub fn signed(&mut self, x: i64) {
        self.size(((x << 1) ^ (x >> 63)) as u64);
    }

    pub fn integer(&mut self, i: i64) {
        self.raw(&i.to_le_bytes());
    }

    pub fn number(&mut self, n: f64) {
        self.raw(&n.to_le_bytes());
    }

    /// PUC's nullable string: size + 1 then the bytes, or 0 for none.
    pub fn string(&mut self, s: Option<&[u8]>) {
        match s {
            None => self.size(0),
            Some(s) => {
                self.size(s.len() as u64 + 1);
                self.raw(s);
            }
        }
    }
}

/// Reads a chunk, failing with [`TRUNCATED`] at its end.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    pub fn byte(&mut self) -> Result<u8, Malformed> {
        let b = *self.bytes.get(self.pos).ok_or(TRUNCATED)?;
        self.pos += 1;
        Ok(b)
    }

    pub fn raw(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        if n > self.remaining() {
            return Err(TRUNCATED);
        }
        let bytes = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(bytes)
    }

    /// PUC's `loadUnsigned`: a size that must stay below `limit`.
    pub fn size(&mut self, limit: u64) -> Result<u64, Malformed> {
        let limit = limit >> 7;
        let mut x: u64 = 0;
        loop {
            let b = self.byte()?;
            if x >= limit {
                return Err(Malformed("integer overflow"));
            }
            x = (x << 7) | u64::from(b & 0x7f);
            if b & 0x80 != 0 {
                return Ok(x);
            }
        }
    }

    /// A count of items that each take at least one byte: a count larger
    /// than the bytes left is a truncated chunk (and never an allocation).
    pub fn count(&mut self) -> Result<usize, Malformed> {
        let n = self.size(i32::MAX as u64)? as usize;
        if n > self.remaining() {
            return Err(TRUNCATED);
        }
        Ok(n)
    }

    /// PUC's `loadInt`.
    pub fn int(&mut self) -> Result<u32, Malformed> {
        Ok(self.size(i32::MAX as u64)? as u32)
    }

    pub fn signed(&mut self) -> Result<i64, Malformed> {
        let z = self.size(u64::MAX)?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }

    pub fn integer(&mut self) -> Result<i64, Malformed> {
        let bytes = self.raw(8)?;
        Ok(i64::from_le_bytes(bytes.try_into().map_err(|_| TRUNCATED)?))
    }

    pub fn number(&mut self) -> Result<f64, Malformed> {
        let bytes = self.raw(8)?;
        Ok(f64::from_le_bytes(bytes.try_into().map_err(|_| TRUNCATED)?))
    }

    /// A nullable string.
    pub fn string(&mut self) -> Result<Option<&'a [u8]>, Malformed> {
        let size = self.size(u64::MAX)?;
        if size == 0 {
            return Ok(None);
        }
        let len = usize::try_from(size - 1).map_err(|_| TRUNCATED)?;
        self.raw(len).map(Some)
    }
}

/// An instruction operand: how it is written and read back.
trait Operand: Sized {
    fn put(self, w: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Result<Self, Malformed>;
}

const BAD_INSTRUCTION: Malformed = Malformed("bad instruction");

impl Operand for u8 {
    fn put(self, w: &mut Writer) {
        w.byte(self);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        r.byte()
    }
}

impl Operand for i8 {
    fn put(self, w: &mut Writer) {
        w.byte(self as u8);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        Ok(r.byte()? as i8)
    }
}

impl Operand for bool {
    fn put(self, w: &mut Writer) {
        w.byte(self as u8);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(BAD_INSTRUCTION),
        }
    }
}

impl Operand for u16 {
    fn put(self, w: &mut Writer) {
        w.size(self.into());
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        u16::try_from(r.size(u64::MAX)?).map_err(|_| BAD_INSTRUCTION)
    }
}

impl Operand for u32 {
    fn put(self, w: &mut Writer) {
        w.size(self.into());
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        u32::try_from(r.size(u64::MAX)?).map_err(|_| BAD_INSTRUCTION)
    }
}

impl Operand for i16 {
    fn put(self, w: &mut Writer) {
        w.signed(self.into());
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        i16::try_from(r.signed()?).map_err(|_| BAD_INSTRUCTION)
    }
}

impl Operand for i32 {
    fn put(self, w: &mut Writer) {
        w.signed(self.into());
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        i32::try_from(r.signed()?).map_err(|_| BAD_INSTRUCTION)
    }
}

impl Operand for RK {
    fn put(self, w: &mut Writer) {
        match self {
            RK::Reg(r) => {
                w.byte(0);
                w.byte(r);
            }
            RK::Const(k) => {
                w.byte(1);
                k.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        match r.byte()? {
            0 => Ok(RK::Reg(r.byte()?)),
            1 => Ok(RK::Const(u16::get(r)?)),
            _ => Err(BAD_INSTRUCTION),
        }
    }
}

/// Defines [`put_instruction`] and [`get_instruction`] from one list of
/// `opcode => Variant { operands }`.
macro_rules! instructions {
    ($($code:literal => $name:ident $({ $($field:ident),* })?;)*) => {
        /// Appends the encoding of `op`.
        pub(super) fn put_instruction(w: &mut Writer, op: Op) {
            match op {
                $(Op::$name $({ $($field),* })? => {
                    w.byte($code);
                    $($($field.put(w);)*)?
                })*
            }
        }

        /// Reads one instruction (operands are checked later, by
        /// `verify`, against the function they belong to).
        pub(super) fn get_instruction(r: &mut Reader<'_>) -> Result<Op, Malformed> {
            Ok(match r.byte()? {
                $($code => Op::$name $({ $($field: Operand::get(r)?),* })?,)*
                _ => return Err(BAD_INSTRUCTION),
            })
        }
    };
}

instructions! {
    0 => Move { a, b };
    1 => LoadI { a, value };
    2 => LoadF { a, value };
    3 => LoadK { a, k };
    4 => LoadFalse { a };
    5 => LFalseSkip { a };
    6 => LoadTrue { a };
    7 => LoadNil { a, b };
    8 => GetUpval { a, b };
    9 => SetUpval { a, b };
    10 => GetTabUp { a, b, key };
    11 => GetTable { a, b, c };
    12 => GetI { a, b, c };
    13 => GetField { a, b, key };
    14 => SetTabUp { a, key, value };
    15 => SetTable { a, b, value };
    16 => SetI { a, b, value };
    17 => SetField { a, key, value };
    18 => NewTable { a, array, hash };
    19 => SelfOp { a, b, key };
    20 => AddI { a, b, imm };
    21 => ShrI { a, b, imm };
    22 => ShlI { a, b, imm };
    23 => Add { a, b, c };
    24 => Sub { a, b, c };
    25 => Mul { a, b, c };
    26 => Mod { a, b, c };
    27 => Pow { a, b, c };
    28 => Div { a, b, c };
    29 => IDiv { a, b, c };
    30 => BAnd { a, b, c };
    31 => BOr { a, b, c };
    32 => BXor { a, b, c };
    33 => Shl { a, b, c };
    34 => Shr { a, b, c };
    35 => AddK { a, b, k };
    36 => SubK { a, b, k };
    37 => MulK { a, b, k };
    38 => ModK { a, b, k };
    39 => PowK { a, b, k };
    40 => DivK { a, b, k };
    41 => IDivK { a, b, k };
    42 => BAndK { a, b, k };
    43 => BOrK { a, b, k };
    44 => BXorK { a, b, k };
    45 => ShlK { a, b, k };
    46 => ShrK { a, b, k };
    47 => Unm { a, b };
    48 => BNot { a, b };
    49 => Not { a, b };
    50 => Len { a, b };
    51 => Concat { a, n };
    52 => Close { a };
    53 => Tbc { a };
    54 => Jmp { target };
    55 => Eq { a, b, k };
    56 => Lt { a, b, k };
    57 => Le { a, b, k };
    58 => EqK { a, b, k };
    59 => EqI { a, imm, is_float, k };
    60 => LtI { a, imm, is_float, k };
    61 => LeI { a, imm, is_float, k };
    62 => GtI { a, imm, is_float, k };
    63 => GeI { a, imm, is_float, k };
    64 => Test { a, k };
    65 => TestSet { a, b, k };
    66 => Call { a, b, c };
    67 => TailCall { a, b, close, nparams1 };
    68 => Return { a, b, close, nparams1 };
    69 => Return0;
    70 => Return1 { a };
    71 => ForLoop { a, target };
    72 => ForPrep { a, target };
    73 => TForPrep { a, target };
    74 => TForCall { a, c };
    75 => TForLoop { a, target };
    76 => SetList { a, n, offset };
    77 => Closure { a, proto };
    78 => VarArg { a, c };
    79 => VarArgPrep { nparams };
}
