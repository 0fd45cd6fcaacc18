//! The one worker pool: bulk work (sealing an import, opening an export, scanning search
//! texts, checking rows, rewriting a file's chunks) runs on worker threads while the
//! calling thread reads the input and consumes the outputs, in their original order.
//!
//! Each output goes back to the worker that made it, to be freed there: memory freed by
//! another thread bypasses the allocator's per-thread cache and contends for the owner's
//! arena lock, which cost import and export about as much as their cryptography.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, mpsc};

/// Items a run keeps in flight per worker (queued, being worked or finished and not yet
/// consumed): enough that a consumer slowed for a moment (SQLite spilling its cache) does
/// not idle the workers, few enough to bound memory.
const IN_FLIGHT_PER_WORKER: usize = 2;

/// The cores this process may use (at least 1), asked once: the standard library reads
/// cgroup files on every call.
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

/// The workers stopped before every item had its output: only a bug does this (a
/// worker's panic is raised on the consuming thread instead).
#[derive(Debug)]
pub struct Stopped;

impl From<Stopped> for std::io::Error {
    fn from(_: Stopped) -> Self {
        std::io::Error::other("the worker threads stopped")
    }
}

/// Runs `work` on each item that `produce` yields, on `threads` worker threads, and hands
/// each output to `consume` in the order of the items. `produce` and `consume` run on the
/// calling thread (so they may use what cannot leave it, such as a database connection);
/// a few items are kept in flight so every worker stays busy. The first error of
/// `produce` or `consume` ends the run; a worker's panic is raised here.
pub fn ordered<I, O, E>(
    threads: usize,
    mut produce: impl FnMut() -> Result<Option<I>, E>,
    work: &(dyn Fn(I) -> O + Sync),
    mut consume: impl FnMut(&mut O) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    O: Send,
    E: From<Stopped>,
{
    let threads = threads.max(1);
    let (to_work, batches) = mpsc::sync_channel::<(u64, I)>(threads);
    std::thread::scope(|scope| {
        let mut workers = start(scope, threads, batches, work);
        let mut to_work = Some(to_work);
        let (mut sent, mut consumed) = (0u64, 0u64);
        let mut stopped_early = false;
        loop {
            // No more in flight than the finished outputs' channel holds: a worker then
            // never waits to hand an output over, so this thread, blocked on a full
            // queue of items, never waits on a worker that waits on it.
            while let Some(tx) = &to_work
                && sent - consumed < (IN_FLIGHT_PER_WORKER * threads) as u64
            {
                let Some(item) = produce()? else {
                    to_work = None;
                    break;
                };
                if tx.send((sent, item)).is_err() {
                    // Every worker stopped: the outputs left say why (a panic is
                    // raised by `next`), and the run ends short below.
                    to_work = None;
                    stopped_early = true;
                    break;
                }
                sent += 1;
            }
            if consumed == sent {
                return if to_work.is_none() && !stopped_early {
                    Ok(())
                } else {
                    Err(Stopped.into())
                };
            }
            let mut done = workers.next().ok_or(Stopped)?;
            consumed += 1;
            consume(&mut done.output)?;
            workers.give_back(done.worker, done.output);
        }
    })
}

/// Runs `work` on each of `items`, read on a thread of their own that hands them
/// straight to the workers (reading a file while this thread writes), and hands each
/// output to `consume` in order on the calling thread, which thus never waits for the
/// reader while an output is ready.
pub fn ordered_from<I, O, E>(
    threads: usize,
    items: impl Iterator<Item = I> + Send,
    work: &(dyn Fn(I) -> O + Sync),
    mut consume: impl FnMut(&mut O) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    O: Send,
{
    let threads = threads.max(1);
    std::thread::scope(|scope| {
        // Made inside the scope, so that when this thread returns early the workers'
        // end is dropped, the workers stop, and a reader blocked on a full queue is
        // released before the scope waits for it.
        let (to_work, queue) = mpsc::sync_channel::<(u64, I)>(threads);
        let mut workers = start(scope, threads, queue, work);
        scope.spawn(move || {
            for (seq, item) in (0u64..).zip(items) {
                if to_work.send((seq, item)).is_err() {
                    break; // the run ended early, and says why
                }
            }
        });
        // The workers stop once the reader is done and the queue is empty.
        while let Some(mut done) = workers.next() {
            consume(&mut done.output)?;
            workers.give_back(done.worker, done.output);
        }
        Ok(())
    })
}

/// `work` applied to every item already in memory, on `threads` threads, in order.
pub fn map<I: Send, O: Send>(
    threads: usize,
    items: Vec<I>,
    work: &(dyn Fn(I) -> O + Sync),
) -> Result<Vec<O>, Stopped> {
    if threads <= 1 || items.len() <= 1 {
        return Ok(items.into_iter().map(work).collect());
    }
    let mut outputs = Vec::with_capacity(items.len());
    let mut items = items.into_iter();
    ordered(
        threads,
        || Ok::<_, Stopped>(items.next()),
        &|item| Some(work(item)),
        |output: &mut Option<O>| {
            outputs.extend(output.take());
            Ok(())
        },
    )?;
    Ok(outputs)
}

/// The output a worker made of one item.
struct Done<O> {
    seq: u64,
    /// Which worker made it: the one to give it back to.
    worker: usize,
    output: O,
}

/// What a worker sends back: its output, or the panic that stopped it, so the consumer
/// raises it instead of waiting for an output that never comes.
type Outcome<O> = Result<Done<O>, Box<dyn std::any::Any + Send>>;

/// Running workers, and the outputs they finished ahead of their turn.
struct Workers<O> {
    finished: mpsc::Receiver<Outcome<O>>,
    ahead: BTreeMap<u64, Done<O>>,
    next: u64,
    give_back: Vec<mpsc::Sender<O>>,
}

/// Starts `count` workers in `scope` that turn each `(seq, item)` received from
/// `items` into an output with `work`. Sequence numbers run from 0 without gaps.
///
/// The workers stop when `items` closes or when the [`Workers`] returned is dropped;
/// the receiving end of `items` is dropped with the last of them, so a producer
/// blocked on a full channel then stops too.
fn start<'scope, I, O>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    count: usize,
    items: mpsc::Receiver<(u64, I)>,
    work: &'scope (dyn Fn(I) -> O + Sync),
) -> Workers<O>
where
    I: Send + 'scope,
    O: Send + 'scope,
{
    let items = Arc::new(Mutex::new(items));
    // Room for every output [`ordered`] may have in flight.
    let (finished_tx, finished) = mpsc::sync_channel(IN_FLIGHT_PER_WORKER * count);
    let mut give_back = Vec::with_capacity(count);
    for worker in 0..count {
        let (returned_tx, returned) = mpsc::channel::<O>();
        give_back.push(returned_tx);
        let (items, finished_tx) = (items.clone(), finished_tx.clone());
        scope.spawn(move || {
            loop {
                while let Ok(used) = returned.try_recv() {
                    drop(used);
                }
                let next = items.lock().ok().and_then(|r| r.recv().ok());
                let Some((seq, item)) = next else { break };
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item)))
                    .map(|output| Done {
                        seq,
                        worker,
                        output,
                    });
                let stopped = outcome.is_err();
                if finished_tx.send(outcome).is_err() || stopped {
                    break;
                }
            }
        });
    }
    Workers {
        finished,
        ahead: BTreeMap::new(),
        next: 0,
        give_back,
    }
}

impl<O> Workers<O> {
    /// The output of the next item in sequence; `None` once every worker has stopped
    /// and no output is left.
    ///
    /// # Panics
    /// Raises, on this thread, a panic that stopped a worker.
    fn next(&mut self) -> Option<Done<O>> {
        loop {
            if let Some(done) = self.ahead.remove(&self.next) {
                self.next += 1;
                return Some(done);
            }
            match self.finished.recv().ok()? {
                Ok(done) => self.ahead.insert(done.seq, done),
                Err(panic) => std::panic::resume_unwind(panic),
            };
        }
    }

    /// Hands a used output back to the worker that made it, to be freed there.
    fn give_back(&self, worker: usize, used: O) {
        // A worker that has stopped no longer frees: then this thread does.
        let _ = self.give_back[worker].send(used);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_come_back_in_order_from_every_worker() -> Result<(), Box<dyn std::error::Error>> {
        let work = |n: u64| {
            // Early items take longest, so later ones finish first.
            std::thread::sleep(std::time::Duration::from_millis(20 - n.min(20)));
            n * 10
        };
        let mut items = 0..20;
        let mut outputs = Vec::new();
        ordered(
            3,
            || Ok::<_, Stopped>(items.next()),
            &work,
            |n: &mut u64| {
                outputs.push(*n);
                Ok(())
            },
        )
        .map_err(|_| "the workers stopped")?;
        assert_eq!(outputs, (0..20).map(|n| n * 10).collect::<Vec<_>>());
        assert_eq!(
            map(4, (0..1000).collect(), &|n: u32| n + 1).map_err(|_| "stopped")?[999],
            1000
        );
        Ok(())
    }

    #[test]
    fn a_panicking_worker_is_raised_by_the_consumer_not_waited_for() {
        let work = |n: u64| {
            assert!(n != 3, "item 3 is bad");
            n
        };
        let raised = std::panic::catch_unwind(|| {
            let mut items = 0..8;
            ordered(
                2,
                || Ok::<_, Stopped>(items.next()),
                &work,
                |_: &mut u64| Ok(()),
            )
        });
        assert!(raised.is_err());
    }

    #[test]
    fn an_error_stops_the_run_and_the_reader() {
        let produced = std::sync::atomic::AtomicU64::new(0);
        let result = ordered_from(
            2,
            (0..u64::MAX).inspect(|_| {
                produced.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }),
            &|n: u64| n,
            |n: &mut u64| if *n == 5 { Err(Stopped) } else { Ok(()) },
        );
        assert!(result.is_err());
        assert!(produced.load(std::sync::atomic::Ordering::Relaxed) < 100);
    }
}
