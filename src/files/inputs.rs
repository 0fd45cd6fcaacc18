//! What a file job reads (standard input, files, directory trees walked in name order)
//! and where it writes (nowhere, standard output, in place, one file, a mirror tree).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::FileJob;
use crate::error::{Error, Result};

/// One thing to read.
pub(super) enum Source {
    Stdin,
    /// A file and its path relative to the input it was found under.
    File {
        path: PathBuf,
        relative: PathBuf,
    },
    /// Something found that cannot be read as a file: a FIFO, a socket, a device, a
    /// link to nothing. It is reported, never silently passed over.
    Unsupported {
        path: PathBuf,
        reason: &'static str,
    },
}

/// Where redacted output goes.
pub(super) enum Sink {
    Nowhere,
    Stdout,
    InPlace,
    File(PathBuf),
    Mirror(PathBuf),
}

fn walk(dir: &Path, base: &Path, out: &mut Vec<Source>) -> Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(|e| Error::io(format!("reading directory {}", dir.display()), e))?
        .collect::<io::Result<_>>()
        .map_err(|e| Error::io(format!("reading directory {}", dir.display()), e))?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
        if kind.is_dir() {
            walk(&path, base, out)?;
            continue;
        }
        // A link to a regular file is read, as `tar -h` would archive it; a link to a
        // directory is not followed (it could loop).
        let target = if kind.is_symlink() {
            fs::metadata(&path).ok()
        } else {
            None
        };
        let is_file = kind.is_file() || target.as_ref().is_some_and(fs::Metadata::is_file);
        if is_file {
            let relative = path.strip_prefix(base).unwrap_or(&path).to_owned();
            out.push(Source::File { path, relative });
        } else {
            let reason = match target {
                _ if !kind.is_symlink() => "not a regular file",
                None => "a link to nothing",
                Some(_) => "a link to a directory",
            };
            out.push(Source::Unsupported { path, reason });
        }
    }
    Ok(())
}

pub(super) fn sources(job: &FileJob<'_>) -> Result<(Vec<Source>, bool)> {
    let mut sources = Vec::new();
    let mut any_dir = false;
    for input in job.inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else if input.is_dir() {
            any_dir = true;
            walk(input, input, &mut sources)?;
        } else if input.is_file() {
            let relative = PathBuf::from(input.file_name().unwrap_or(input.as_os_str()));
            sources.push(Source::File {
                path: input.clone(),
                relative,
            });
        } else if fs::symlink_metadata(input).is_ok() {
            sources.push(Source::Unsupported {
                path: input.clone(),
                reason: if fs::metadata(input).is_err() {
                    "a link to nothing"
                } else {
                    "not a regular file"
                },
            });
        } else {
            return Err(Error::io(
                format!("reading {}", input.display()),
                io::Error::from(io::ErrorKind::NotFound),
            ));
        }
    }
    Ok((sources, any_dir))
}

pub(super) fn sink(job: &FileJob<'_>, sources: &[Source], any_dir: bool) -> Result<Sink> {
    let usage = |reason: &str| Error::InvalidArgument {
        argument: "-o / --in-place".into(),
        reason: reason.into(),
    };
    if job.check {
        return Ok(Sink::Nowhere);
    }
    let stdin = sources.iter().any(|s| matches!(s, Source::Stdin));
    if job.in_place {
        if stdin {
            return Err(usage("standard input cannot be rewritten in place; use -o"));
        }
        return Ok(Sink::InPlace);
    }
    if stdin && (sources.len() > 1 || job.output.is_some_and(Path::is_dir)) {
        return Err(usage(
            "standard input is rewritten on its own, to stdout or -o FILE",
        ));
    }
    let many = sources.len() > 1 || any_dir;
    match job.output {
        Some(out) if many || out.is_dir() => Ok(Sink::Mirror(out.to_owned())),
        Some(out) => Ok(Sink::File(out.to_owned())),
        None if many => Err(usage("several files need -o DIR (a mirror) or --in-place")),
        None => Ok(Sink::Stdout),
    }
}
