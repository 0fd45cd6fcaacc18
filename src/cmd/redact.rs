//! `sealbook redact`: remove personal data from files, a directory tree or standard
//! input, before they are archived or shared. Needs no vault.

use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use comfy_table::Table;
use serde_json::json;

use crate::cli::RedactArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::output;
use crate::privacy::known::{DEFAULT_TOKEN, KnownMatcher, Pseudonymiser, TokenFormat};
use crate::privacy::rewrite::{Rewriter, StreamReport};
use crate::privacy::{Detectors, Kind};

/// How many leading bytes are sniffed for a NUL to tell binary files apart.
const SNIFF: usize = 8192;

/// One thing to read.
enum Source {
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
enum Sink {
    Nowhere,
    Stdout,
    InPlace,
    File(PathBuf),
    Mirror(PathBuf),
}

pub(crate) struct FileOutcome {
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
pub(crate) struct FileJob<'a> {
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

fn kinds(args: &RedactArgs) -> Result<Vec<Kind>> {
    let parse = |names: &[String]| -> Result<Vec<Kind>> {
        names
            .iter()
            .map(|n| {
                Kind::parse(n).ok_or_else(|| Error::InvalidArgument {
                    argument: "--only / --skip".into(),
                    reason: format!(
                        "unknown kind '{}'; known: {}",
                        output::sanitize(n),
                        Kind::ALL.map(Kind::name).join(", ")
                    ),
                })
            })
            .collect()
    };
    let only = parse(&args.only)?;
    let skip = parse(&args.skip)?;
    let chosen: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| only.is_empty() || only.contains(k))
        .filter(|k| !skip.contains(k))
        .collect();
    if chosen.is_empty() {
        return Err(Error::InvalidArgument {
            argument: "--only / --skip".into(),
            reason: "no kind of data is left to look for".into(),
        });
    }
    Ok(chosen)
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

fn sources(job: &FileJob<'_>) -> Result<(Vec<Source>, bool)> {
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

fn sink(job: &FileJob<'_>, sources: &[Source], any_dir: bool) -> Result<Sink> {
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

fn is_json(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "json" | "jsonl" | "ndjson"))
}

/// How an output file may be put in place.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placing {
    /// A new file: an existing one (or a link) at the name is an error.
    New,
    /// A new file that may replace what is at the name (`--force`); a link there is
    /// replaced itself, never written through.
    Replace,
    /// The input itself, rewritten in place, keeping its permissions.
    InPlace(Option<u32>),
}

/// Refuses to put a new file where one exists, unless `--force`.
fn check_free(target: &Path, placing: Placing) -> Result<()> {
    if placing == Placing::New && fs::symlink_metadata(target).is_ok() {
        return Err(Error::InvalidArgument {
            argument: "-o".into(),
            reason: format!("{} exists; pass --force to replace it", target.display()),
        });
    }
    Ok(())
}

/// Writes through a temporary file beside `target` (0600, as files derived from
/// personal data are) that takes its name only when complete.
fn write_atomically(
    target: &Path,
    placing: Placing,
    recheck: Option<&Rewriter>,
    write: impl FnOnce(&mut File) -> Result<StreamReport>,
) -> Result<StreamReport> {
    check_free(target, placing)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".sealbook-redact-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(format!("writing in {}", dir.display()), e))?;
    crate::process::remove_on_interrupt(temp.path());
    let temp_path = temp.path().to_owned();
    let result = write_temp(&mut temp, target, placing, recheck, write);
    crate::process::forget(&temp_path);
    result
}

fn write_temp(
    temp: &mut tempfile::NamedTempFile,
    target: &Path,
    placing: Placing,
    recheck: Option<&Rewriter>,
    write: impl FnOnce(&mut File) -> Result<StreamReport>,
) -> Result<StreamReport> {
    let report = write(temp.as_file_mut())?;
    if let Some(rechecker) = recheck {
        let mut written = File::open(temp.path())
            .map_err(|e| Error::io(format!("reading back {}", target.display()), e))?;
        recheck_stream(rechecker, &mut written, &target.display().to_string())?;
    }
    if let Placing::InPlace(Some(mode)) = placing {
        fs::set_permissions(temp.path(), fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(format!("setting permissions of {}", target.display()), e))?;
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io(format!("writing {}", target.display()), e))?;
    // Renaming replaces a link at the name itself; with no --force, a file that
    // appeared there meanwhile is not replaced either.
    if placing == Placing::New {
        match fs::hard_link(temp.path(), target) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(Error::io(
                    format!("writing {} (pass --force to replace it)", target.display()),
                    e,
                ));
            }
            // File systems without hard links: the name was free a moment ago.
            Err(_) => fs::rename(temp.path(), target)
                .map_err(|e| Error::io(format!("writing {}", target.display()), e))?,
        }
    } else {
        fs::rename(temp.path(), target)
            .map_err(|e| Error::io(format!("writing {}", target.display()), e))?;
    }
    Ok(report)
}

/// Scans rewritten text again; anything found fails the run before output is kept.
fn recheck_stream(rechecker: &Rewriter, input: &mut dyn Read, name: &str) -> Result<()> {
    let workers = crate::vault::cores();
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
fn redact_file(
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
            // Through a symbolic link, the file it names is replaced, not the link.
            let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
            write_atomically(&real, Placing::InPlace(mode), job.recheck, |f| {
                run(Some(f), &mut input)
            })?
        }
        Sink::File(target) | Sink::Mirror(target) => {
            let target = match sink {
                Sink::Mirror(dir) => dir.join(relative),
                _ => target.clone(),
            };
            if same_file(path, &target) {
                return Err(Error::InvalidArgument {
                    argument: "-o".into(),
                    reason: format!(
                        "{} is an input; use --in-place to replace it",
                        target.display()
                    ),
                });
            }
            write_atomically(&target, placing, job.recheck, |f| run(Some(f), &mut input))?
        }
    };
    Ok(FileOutcome {
        name,
        report: Some(report),
        skipped: None,
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

fn write_report(path: &Path, outcomes: &[FileOutcome], force: bool) -> Result<()> {
    let files: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| match &o.report {
            None => json!({"path": o.name, "skipped": o.skipped}),
            Some(r) => json!({
                "path": o.name,
                "counts": r.counts.iter().map(|(k, v)| (k.name(), *v)).collect::<std::collections::BTreeMap<_, _>>(),
                "findings": r.positions.iter().map(|p| json!({
                    "type": p.kind.name(), "line": p.line, "column": p.column
                })).collect::<Vec<_>>(),
            }),
        })
        .collect();
    let document = json!({ "files": files });
    if path.as_os_str() == "-" {
        return output::json(&document);
    }
    let text = serde_json::to_vec_pretty(&document)
        .map_err(|e| Error::io("writing the report", e.into()))?;
    let placing = if force {
        Placing::Replace
    } else {
        Placing::New
    };
    write_atomically(path, placing, None, |f| {
        io::Write::write_all(f, &text)
            .map(|()| StreamReport::default())
            .map_err(|e| Error::io(format!("writing {}", path.display()), e))
    })
    .map(|_| ())
}

fn summary(outcomes: &[FileOutcome]) {
    let mut totals: std::collections::BTreeMap<Kind, u64> = std::collections::BTreeMap::new();
    for report in outcomes.iter().filter_map(|o| o.report.as_ref()) {
        for (kind, count) in &report.counts {
            *totals.entry(*kind).or_default() += count;
        }
    }
    let scanned = outcomes.iter().filter(|o| o.report.is_some()).count();
    let with = outcomes
        .iter()
        .filter(|o| o.report.as_ref().is_some_and(|r| r.total() > 0))
        .count();
    if !totals.is_empty() {
        let mut table = Table::new();
        table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
        table.set_header(["Kind", "Found"]);
        for (kind, count) in &totals {
            table.add_row([kind.name().to_owned(), count.to_string()]);
        }
        eprintln!("{table}");
    }
    eprintln!(
        "{} found in {with} of {scanned} file(s){}.",
        totals.values().sum::<u64>(),
        match outcomes.len() - scanned {
            0 => String::new(),
            skipped => format!("; {skipped} file(s) not read"),
        }
    );
    for outcome in outcomes {
        if let Some(reason) = &outcome.skipped {
            eprintln!("  not read: {} ({reason})", output::sanitize(&outcome.name));
        }
    }
}

pub fn run(cx: &Context, args: &RedactArgs) -> Result<()> {
    let detectors = Detectors::new(kinds(args)?, cx.region()?);
    let job = FileJob {
        inputs: &args.inputs,
        output: args.output.as_deref(),
        in_place: args.in_place,
        check: args.check,
        report: args.report.as_deref(),
        recheck: None,
        force: args.force,
        skip_unsupported: args.skip_unsupported,
    };
    let mut rewriter = Rewriter {
        detectors,
        extra: None,
        style: args.style,
        json: false,
        positions: args.report.is_some(),
    };
    let mut vault = None;
    if args.known_customers {
        let mut unlocked = cx.unlock()?;
        let customers = unlocked.known_customers()?;
        rewriter.extra = Some(std::sync::Arc::new(Pseudonymiser {
            matcher: KnownMatcher::new(&customers),
            format: TokenFormat::new(DEFAULT_TOKEN).map_err(|reason| Error::InvalidArgument {
                argument: "token".into(),
                reason,
            })?,
        }));
        unlocked.set_command("redact");
        vault = Some(unlocked);
    }
    let outcomes = process(&job, &rewriter)?;
    if let Some(vault) = &mut vault {
        let (files, total) = totals(&outcomes);
        let event = crate::audit::Event::new("redact")
            .count("files", files)
            .count("replacements", total)
            .count("known_customers", 1);
        vault.record(event)?;
    }
    finish(cx, &job, &outcomes)
}

/// Files read, and findings in all.
pub(crate) fn totals(outcomes: &[FileOutcome]) -> (u64, u64) {
    let files = outcomes.iter().filter(|o| o.report.is_some()).count() as u64;
    let findings = outcomes
        .iter()
        .filter_map(|o| o.report.as_ref())
        .map(StreamReport::total)
        .sum();
    (files, findings)
}

/// Rewrites every file of `job` with `rewriter`.
pub(crate) fn process(job: &FileJob<'_>, rewriter: &Rewriter) -> Result<Vec<FileOutcome>> {
    let (sources, any_dir) = sources(job)?;
    let sink = sink(job, &sources, any_dir)?;
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
    let workers = crate::vault::cores();
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
                redact_file(rewriter, (path, relative), &sink, job, workers)?
            }
            Source::Unsupported { path, reason } => {
                FileOutcome::skipped(path.display().to_string(), *reason)
            }
        };
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

pub(crate) fn finish(cx: &Context, job: &FileJob<'_>, outcomes: &[FileOutcome]) -> Result<()> {
    if let Some(path) = job.report {
        write_report(path, outcomes, job.force)?;
    }
    let unread = outcomes.iter().filter(|o| o.report.is_none()).count();
    // Files not read are listed even with -q: they are why the run fails.
    if !cx.global.quiet || unread > 0 {
        summary(outcomes);
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
