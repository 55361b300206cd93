//! The streams behind Lua file handles: disk files, the process's standard
//! streams and the pipes of `io.popen`, with C stdio's buffering policies.
//!
//! Reading goes through [`BufRead`] (so formats can look one byte ahead,
//! as C's `ungetc` lets them); writing goes through an [`OutputBuffer`]
//! honouring `setvbuf`'s modes. The process's stdout goes through the one
//! buffer of [`super::stdout`], which `print` shares, so `io.write` and
//! `print` interleave in program order.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::process::{Child, ChildStdin, ChildStdout, ExitStatus};

use super::{error, stdout};

/// C's `setvbuf` modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Buffering {
    /// `_IONBF`: every write goes out at once.
    No,
    /// `_IOFBF`: writes go out when the buffer fills.
    Full,
    /// `_IOLBF`: writes go out at each newline.
    Line,
}

/// How much a fully buffered stream holds before writing (`BUFSIZ`).
const BUFFER_SIZE: usize = 8192;

/// Bytes written but not yet handed to the operating system.
#[derive(Debug)]
pub struct OutputBuffer {
    pending: Vec<u8>,
    mode: Buffering,
}

impl OutputBuffer {
    pub(super) fn new(mode: Buffering) -> Self {
        OutputBuffer {
            pending: Vec::new(),
            mode,
        }
    }

    /// Switches to `mode`, first handing `sink` what the old mode held.
    pub(super) fn set_mode(&mut self, sink: &mut impl Write, mode: Buffering) -> io::Result<()> {
        self.drain(sink)?;
        self.mode = mode;
        Ok(())
    }

    pub(super) fn write(&mut self, sink: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
        match self.mode {
            Buffering::No => {
                // Through the sink's own buffer too: Rust's stdout keeps
                // a line's start until its newline, C's unbuffered stream
                // does not.
                self.drain(sink)?;
                sink.write_all(bytes)?;
                sink.flush()
            }
            Buffering::Full => {
                self.pending.extend_from_slice(bytes);
                if self.pending.len() >= BUFFER_SIZE {
                    self.drain(sink)?;
                }
                Ok(())
            }
            Buffering::Line => {
                self.pending.extend_from_slice(bytes);
                if bytes.contains(&b'\n') || self.pending.len() >= BUFFER_SIZE {
                    self.drain(sink)?;
                }
                Ok(())
            }
        }
    }

    /// Hands the pending bytes to `sink` (they are dropped even when that
    /// fails, as C drops them).
    fn drain(&mut self, sink: &mut impl Write) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let result = sink.write_all(&self.pending);
        self.pending.clear();
        result
    }

    pub(super) fn flush(&mut self, sink: &mut impl Write) -> io::Result<()> {
        self.drain(sink)?;
        sink.flush()
    }
}

/// A file opened with `io.open`, `io.tmpfile` or by a file name.
#[derive(Debug)]
pub struct DiskFile {
    reader: BufReader<File>,
    output: OutputBuffer,
    readable: bool,
    writable: bool,
}

impl DiskFile {
    pub fn new(file: File, readable: bool, writable: bool) -> Self {
        DiskFile {
            reader: BufReader::new(file),
            output: OutputBuffer::new(Buffering::Full),
            readable,
            writable,
        }
    }

    /// Gives back read-ahead bytes to the file, so the next write lands
    /// where the reading stopped.
    fn drop_read_ahead(&mut self) -> io::Result<()> {
        if !self.reader.buffer().is_empty() {
            // Seeking a `BufReader` discards its buffer; the logical
            // position accounts for the bytes not yet consumed.
            let position = self.reader.stream_position()?;
            self.reader.seek(SeekFrom::Start(position))?;
        }
        Ok(())
    }
}

impl Drop for DiskFile {
    fn drop(&mut self) {
        let _ = self.output.drain(self.reader.get_mut());
    }
}

/// The command of an `io.popen` and the end of its pipe Lua holds.
#[derive(Debug)]
pub enum Pipe {
    /// Mode "r": Lua reads what the command writes.
    Reading {
        child: Child,
        reader: BufReader<ChildStdout>,
    },
    /// Mode "w": Lua writes what the command reads.
    Writing {
        child: Child,
        writer: ChildStdin,
        output: OutputBuffer,
    },
}

impl Pipe {
    pub fn reading(child: Child, stdout: ChildStdout) -> Self {
        Pipe::Reading {
            child,
            reader: BufReader::new(stdout),
        }
    }

    pub fn writing(child: Child, stdin: ChildStdin) -> Self {
        Pipe::Writing {
            child,
            writer: stdin,
            output: OutputBuffer::new(Buffering::Full),
        }
    }

    /// Closes Lua's end and waits for the command (C's `pclose`).
    fn close(self) -> io::Result<ExitStatus> {
        match self {
            Pipe::Reading { mut child, reader } => {
                drop(reader);
                child.wait()
            }
            Pipe::Writing {
                mut child,
                mut writer,
                mut output,
            } => {
                let _ = output.flush(&mut writer);
                drop(writer);
                child.wait()
            }
        }
    }
}

/// Every kind of stream a Lua file handle can hold.
#[derive(Debug)]
pub enum Stream {
    Disk(DiskFile),
    Stdin,
    /// The process's stdout, through the shared buffer of [`super::stdout`].
    Stdout,
    Stderr,
    Pipe(PipeHandle),
}

/// How closing a stream went.
pub enum Closed {
    /// A file: fine, or C's `fclose` error.
    File(io::Result<()>),
    /// A pipe: the command's status, or the error of waiting for it.
    Command(io::Result<ExitStatus>),
    /// A standard stream, which stays open: here it is back.
    Refused(Stream),
}

impl Stream {
    /// Runs `read` on the stream's input side.
    pub fn read_with<T>(
        &mut self,
        read: impl FnOnce(&mut dyn BufRead) -> io::Result<T>,
    ) -> io::Result<T> {
        match self {
            Stream::Disk(disk) => {
                if !disk.readable {
                    return Err(error::bad_descriptor());
                }
                disk.output.drain(disk.reader.get_mut())?;
                read(&mut disk.reader)
            }
            Stream::Stdin => {
                // Show any prompt before waiting for input.
                let _ = stdout::flush();
                read(&mut io::stdin().lock())
            }
            Stream::Pipe(PipeHandle(Some(Pipe::Reading { reader, .. }))) => read(reader),
            _ => Err(error::bad_descriptor()),
        }
    }

    /// Writes `bytes` through the stream's buffer.
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Stream::Disk(disk) => {
                if !disk.writable {
                    return Err(error::bad_descriptor());
                }
                disk.drop_read_ahead()?;
                disk.output.write(disk.reader.get_mut(), bytes)
            }
            Stream::Stdout => stdout::write(bytes),
            Stream::Stderr => io::stderr().write_all(bytes),
            Stream::Pipe(PipeHandle(Some(Pipe::Writing { writer, output, .. }))) => {
                output.write(writer, bytes)
            }
            _ => Err(error::bad_descriptor()),
        }
    }

    /// Hands buffered output to the operating system.
    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Disk(disk) => disk.output.flush(disk.reader.get_mut()),
            Stream::Stdout => stdout::flush(),
            Stream::Pipe(PipeHandle(Some(Pipe::Writing { writer, output, .. }))) => {
                output.flush(writer)
            }
            _ => Ok(()),
        }
    }

    /// Moves the file position; returns the new one.
    pub fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        match self {
            Stream::Disk(disk) => {
                disk.output.drain(disk.reader.get_mut())?;
                disk.reader.seek(to)
            }
            Stream::Stdin => seek_standard(&io::stdin(), to),
            Stream::Stdout => {
                stdout::flush()?;
                seek_standard(&io::stdout(), to)
            }
            Stream::Stderr => seek_standard(&io::stderr(), to),
            Stream::Pipe(_) => Err(error::illegal_seek()),
        }
    }

    /// Changes the buffering mode, writing out what the old one held.
    pub fn set_buffering(&mut self, mode: Buffering) -> io::Result<()> {
        match self {
            Stream::Disk(disk) => disk.output.set_mode(disk.reader.get_mut(), mode),
            Stream::Stdout => stdout::set_buffering(mode),
            Stream::Pipe(PipeHandle(Some(Pipe::Writing { writer, output, .. }))) => {
                output.set_mode(writer, mode)
            }
            _ => Ok(()),
        }
    }

    /// Closes the stream (standard streams refuse and stay usable).
    pub fn close(self) -> Closed {
        match self {
            Stream::Disk(mut disk) => {
                let result = disk.output.flush(disk.reader.get_mut());
                Closed::File(result)
            }
            Stream::Pipe(mut handle) => match handle.0.take() {
                Some(pipe) => Closed::Command(pipe.close()),
                None => Closed::File(Ok(())),
            },
            standard @ (Stream::Stdin | Stream::Stdout | Stream::Stderr) => {
                Closed::Refused(standard)
            }
        }
    }
}

/// Seeks a standard stream through a duplicate of its descriptor (which
/// shares the file position), so a standard stream redirected from or to
/// a file can seek as in C; pipes and terminals fail as `lseek` does.
/// Input Rust's `stdin` has already buffered is not given back.
#[cfg(unix)]
fn seek_standard(stream: &impl std::os::fd::AsFd, to: SeekFrom) -> io::Result<u64> {
    let mut file = File::from(stream.as_fd().try_clone_to_owned()?);
    file.seek(to)
}

#[cfg(not(unix))]
fn seek_standard<T>(_stream: &T, _to: SeekFrom) -> io::Result<u64> {
    Err(error::illegal_seek())
}

/// An open pipe; one collected without `close` is still waited for, as
/// `__gc`'s `pclose` would.
#[derive(Debug)]
pub struct PipeHandle(pub Option<Pipe>);

impl Drop for PipeHandle {
    fn drop(&mut self) {
        if let Some(pipe) = self.0.take() {
            let _ = pipe.close();
        }
    }
}
