//! File jobs: rewrite a set of inputs (files, directory trees, standard input) to a
//! sink, each output put in place atomically and, when asked, checked again before it is
//! kept, with a report of what was found. `redact` and `pseudonymise` are file jobs with
//! different rewriters.

mod atomic;
mod inputs;
mod office;
mod pdf;
mod report;

use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::privacy::rewrite::{Rewriter, StreamReport};
use atomic::{Placing, write_atomically};
use inputs::{Sink, Source};

/// How many leading bytes are sniffed for a NUL to tell binary files apart.
const SNIFF: usize = 8192;

pub struct FileOutcome {
    pub name: String,
    pub report: Option<StreamReport>,
    /// Why the file was not read or rewritten, when it was not.
    pub skipped: Option<String>,
}

impl FileOutcome {
    fn skipped(name: String, reason: impl Into<String>) -> Self {
        Self {
            name,
            report: None,
            skipped: Some(reason.into()),
        }
    }
}

/// What to read and where to write: the part of `redact` that `pseudonymise` shares.
// Each bool is one of the user's flags, passed through.
#[allow(clippy::struct_excessive_bools)]
pub struct FileJob<'a> {
    pub inputs: &'a [PathBuf],
    pub output: Option<&'a Path>,
    pub in_place: bool,
    /// Write nothing; only count.
    pub check: bool,
    pub report: Option<&'a Path>,
    /// Fail closed: the rewritten text is scanned again with this before it is kept,
    /// and anything found is an error with no output written.
    pub recheck: Option<&'a Rewriter>,
    /// Output files (and the report) may replace existing ones.
    pub force: bool,
    /// Files that could not be read or rewritten do not fail the run.
    pub skip_unsupported: bool,
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "json" | "jsonl" | "ndjson"))
}

/// Scans rewritten text again; anything found fails the run before output is kept.
fn recheck_stream(rechecker: &Rewriter, input: &mut dyn Read, name: &str) -> Result<()> {
    let workers = crate::pool::cores();
    let left = rechecker
        .run(input, None, workers)
        .map_err(|e| Error::io(format!("checking {name}"), e))?
        .total();
    if left > 0 {
        return Err(Error::KnownValuesRemain {
            file: name.to_owned(),
            count: left,
        });
    }
    Ok(())
}

/// Writes to standard output; with a recheck, only once the whole text passed it.
fn to_stdout(
    rewriter: &Rewriter,
    recheck: Option<&Rewriter>,
    input: &mut dyn Read,
    name: &str,
    workers: usize,
) -> Result<StreamReport> {
    let fail = |e| Error::io(format!("rewriting {name}"), e);
    let Some(rechecker) = recheck else {
        let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout());
        return rewriter.run(input, Some(&mut out), workers).map_err(fail);
    };
    let mut buffer: Vec<u8> = Vec::new();
    let report = rewriter
        .run(input, Some(&mut buffer), workers)
        .map_err(fail)?;
    recheck_stream(rechecker, &mut buffer.as_slice(), name)?;
    io::Write::write_all(&mut io::stdout().lock(), &buffer)
        .map_err(|e| Error::io("writing to standard output", e))?;
    Ok(report)
}

/// Rewrites one file to `sink`. A file that cannot be read, or is binary, is an
/// outcome with the reason it was skipped, so the run can say so and go on.
fn rewrite_file(
    rewriter: &Rewriter,
    (path, relative): (&Path, &Path),
    sink: &Sink,
    job: &FileJob<'_>,
    workers: usize,
) -> Result<FileOutcome> {
    let name = path.display().to_string();
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return Ok(FileOutcome::skipped(name, format!("unreadable: {e}"))),
    };
    let mut head = vec![0u8; SNIFF];
    let n = match read_fully(&mut file, &mut head) {
        Ok(n) => n,
        Err(e) => return Ok(FileOutcome::skipped(name, format!("unreadable: {e}"))),
    };
    head.truncate(n);
    if office::is_office(path) && office::looks_like_zip(&head) {
        return match rewrite_office(rewriter, (path, relative), sink, job) {
            Ok(report) => Ok(FileOutcome {
                name,
                report: Some(report),
                skipped: None,
            }),
            // A damaged document is listed as not read, like any unreadable file; the
            // run goes on with the others.
            Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::InvalidData => {
                Ok(FileOutcome::skipped(name, source.to_string()))
            }
            Err(e) => Err(e),
        };
    }
    if pdf::looks_like_pdf(&head) {
        if !job.check {
            return Ok(FileOutcome::skipped(name, pdf::NOT_REWRITTEN));
        }
        return Ok(match pdf::scan(rewriter, path) {
            Ok(report) => FileOutcome {
                name,
                report: Some(report),
                skipped: None,
            },
            Err(reason) => FileOutcome::skipped(name, reason),
        });
    }
    if head.contains(&0) {
        return Ok(FileOutcome::skipped(name, "binary"));
    }
    let rewriter = Rewriter {
        json: is_json(path),
        ..rewriter.clone()
    };
    let mut input = BufReader::new(head.as_slice().chain(file));
    let run = |out: Option<&mut (dyn io::Write + Send)>, input: &mut dyn Read| {
        rewriter
            .run(input, out, workers)
            .map_err(|e| Error::io(format!("redacting {}", path.display()), e))
    };
    let placing = if job.force {
        Placing::Replace
    } else {
        Placing::New
    };
    let report = match sink {
        Sink::Nowhere => run(None, &mut input)?,
        Sink::Stdout => to_stdout(&rewriter, job.recheck, &mut input, &name, workers)?,
        Sink::InPlace => {
            let mode = fs::metadata(path).ok().map(|m| m.permissions().mode());
            let real = target_of(path, relative, sink)?;
            write_atomically(&real, Placing::InPlace(mode), job.recheck, |f| {
                run(Some(f), &mut input)
            })?
        }
        Sink::File(_) | Sink::Mirror(_) => {
            let target = target_of(path, relative, sink)?;
            write_atomically(&target, placing, job.recheck, |f| run(Some(f), &mut input))?
        }
    };
    Ok(FileOutcome {
        name,
        report: Some(report),
        skipped: None,
    })
}

/// Where a rewritten file goes, and whether writing it there is allowed. In place,
/// through a symbolic link, the file it names is replaced, not the link.
fn target_of(path: &Path, relative: &Path, sink: &Sink) -> Result<PathBuf> {
    let target = match sink {
        Sink::Mirror(dir) => dir.join(relative),
        Sink::File(target) => target.clone(),
        _ => fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
    };
    if !matches!(sink, Sink::InPlace) && same_file(path, &target) {
        return Err(Error::InvalidArgument {
            argument: "-o".into(),
            reason: format!(
                "{} is an input; use --in-place to replace it",
                target.display()
            ),
        });
    }
    Ok(target)
}

/// Rewrites an office document: a new document of the same type, put in place
/// atomically, and read again with the recheck before it is kept.
fn rewrite_office(
    rewriter: &Rewriter,
    (path, relative): (&Path, &Path),
    sink: &Sink,
    job: &FileJob<'_>,
) -> Result<StreamReport> {
    let name = path.display().to_string();
    let read = |e: io::Error| Error::io(format!("redacting {name}"), e);
    let open = || File::open(path).map_err(|e| Error::io(format!("reading {name}"), e));
    let placing = match sink {
        Sink::Nowhere => {
            return office::rewrite(rewriter, open()?, None::<&mut File>).map_err(read);
        }
        Sink::Stdout => {
            return Err(Error::InvalidArgument {
                argument: "-o".into(),
                reason: format!(
                    "{name} is an office document; write it to a file with -o or --in-place, \
                     not to standard output"
                ),
            });
        }
        Sink::InPlace => Placing::InPlace(fs::metadata(path).ok().map(|m| m.permissions().mode())),
        Sink::File(_) | Sink::Mirror(_) if job.force => Placing::Replace,
        Sink::File(_) | Sink::Mirror(_) => Placing::New,
    };
    let target = target_of(path, relative, sink)?;
    write_atomically(&target, placing, None, |out| {
        let report = office::rewrite(rewriter, open()?, Some(out)).map_err(read)?;
        if let Some(rechecker) = job.recheck {
            let left = office::recheck(rechecker, out).map_err(read)?;
            if left > 0 {
                return Err(Error::KnownValuesRemain {
                    file: target.display().to_string(),
                    count: left,
                });
            }
        }
        Ok(report)
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn read_fully(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Files read, and findings in all.
pub fn totals(outcomes: &[FileOutcome]) -> (u64, u64) {
    let files = outcomes.iter().filter(|o| o.report.is_some()).count() as u64;
    let findings = outcomes
        .iter()
        .filter_map(|o| o.report.as_ref())
        .map(StreamReport::total)
        .sum();
    (files, findings)
}

/// Rewrites every file of `job` with `rewriter`.
pub fn process(job: &FileJob<'_>, rewriter: &Rewriter) -> Result<Vec<FileOutcome>> {
    let (sources, any_dir) = inputs::sources(job)?;
    let sink = inputs::sink(job, &sources, any_dir)?;
    if matches!(sink, Sink::Mirror(_)) {
        // Two inputs of one name would be written to one output, the second over the
        // first.
        let mut seen = std::collections::HashSet::new();
        for source in &sources {
            if let Source::File { relative, .. } = source
                && !seen.insert(relative)
            {
                return Err(Error::InvalidArgument {
                    argument: "-o".into(),
                    reason: format!(
                        "two inputs would both be written to {}; give their common \
                         directory instead",
                        relative.display()
                    ),
                });
            }
        }
    }
    if matches!(sink, Sink::Stdout) && job.report == Some(Path::new("-")) {
        return Err(Error::InvalidArgument {
            argument: "--report -".into(),
            reason: "standard output already carries the rewritten text; give a file".into(),
        });
    }
    let workers = crate::pool::cores();
    let placing = if job.force {
        Placing::Replace
    } else {
        Placing::New
    };
    let mut outcomes = Vec::with_capacity(sources.len());
    for source in &sources {
        let outcome = match source {
            Source::Stdin => {
                let mut stdin = io::stdin().lock();
                let report = match &sink {
                    Sink::Nowhere => rewriter
                        .run(&mut stdin, None, workers)
                        .map_err(|e| Error::io("reading standard input", e))?,
                    Sink::File(target) => write_atomically(target, placing, job.recheck, |f| {
                        rewriter
                            .run(&mut stdin, Some(f), workers)
                            .map_err(|e| Error::io("rewriting standard input", e))
                    })?,
                    _ => to_stdout(rewriter, job.recheck, &mut stdin, "standard input", workers)?,
                };
                FileOutcome {
                    name: "-".into(),
                    report: Some(report),
                    skipped: None,
                }
            }
            Source::File { path, relative } => {
                rewrite_file(rewriter, (path, relative), &sink, job, workers)?
            }
            Source::Unsupported { path, reason } => {
                FileOutcome::skipped(path.display().to_string(), *reason)
            }
        };
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// Writes the report, prints the summary (unless `quiet` and every file was read) and
/// says how the run ends: personal data found by a check, files left unread, or success.
///
/// With `json` (the global `--json`), the report goes to standard output when the
/// rewritten text does not (a check, in-place rewriting, or `-o`).
pub fn finish(quiet: bool, json: bool, job: &FileJob<'_>, outcomes: &[FileOutcome]) -> Result<()> {
    if let Some(path) = job.report {
        report::write_report(path, outcomes, job.force)?;
    } else if json && (job.check || job.in_place || job.output.is_some()) {
        report::write_report(Path::new("-"), outcomes, false)?;
    }
    let unread = outcomes.iter().filter(|o| o.report.is_none()).count();
    // Files not read are listed even with -q: they are why the run fails.
    if !quiet || unread > 0 {
        report::summary(outcomes);
    }
    let findings: u64 = outcomes
        .iter()
        .filter_map(|o| o.report.as_ref())
        .map(StreamReport::total)
        .sum();
    // Personal data found is the answer a gate asks for, whatever else was unreadable.
    if job.check && findings > 0 {
        let files = outcomes
            .iter()
            .filter(|o| o.report.as_ref().is_some_and(|r| r.total() > 0))
            .count();
        return Err(Error::PersonalDataFound { findings, files });
    }
    // A gate must not pass what it could not read; a rewrite must not pretend it
    // covered a file it left out.
    if unread > 0 && !job.skip_unsupported {
        return Err(Error::Unchecked { files: unread });
    }
    Ok(())
}
