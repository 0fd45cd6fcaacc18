//! Bulk work on every core: batches go to worker threads, come back in their original
//! order, and are handed back to the worker that made them to be freed there.
//!
//! Freeing on the allocating thread matters: memory freed by another thread bypasses the
//! allocator's per-thread cache and contends for the owner's arena lock, which cost
//! import and export about as much as their cryptography.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, mpsc};
use std::thread::Scope;

/// The output a worker made of one batch.
pub(super) struct Done<O> {
    seq: u64,
    /// Which worker made it: the one to give it back to.
    pub worker: usize,
    pub output: O,
}

/// What a worker sends back: its output, or the panic that stopped it, so the consumer
/// raises it instead of waiting for a batch that never comes.
type Outcome<O> = Result<Done<O>, Box<dyn std::any::Any + Send>>;

/// Running workers, and the outputs they finished ahead of their turn.
pub(super) struct Workers<O> {
    finished: mpsc::Receiver<Outcome<O>>,
    ahead: BTreeMap<u64, Done<O>>,
    next: u64,
    give_back: Vec<mpsc::Sender<O>>,
}

/// Starts `count` workers in `scope` that turn each `(seq, batch)` received from
/// `batches` into an output with `work`. Sequence numbers run from 0 without gaps.
///
/// The workers stop when `batches` closes or when the [`Workers`] returned is dropped;
/// the receiving end of `batches` is dropped with the last of them, so a producer
/// blocked on a full channel then stops too.
pub(super) fn start<'scope, I, O>(
    scope: &'scope Scope<'scope, '_>,
    count: usize,
    batches: mpsc::Receiver<(u64, I)>,
    work: &'scope (dyn Fn(I) -> O + Sync),
) -> Workers<O>
where
    I: Send + 'scope,
    O: Send + 'scope,
{
    let batches = Arc::new(Mutex::new(batches));
    // Room for two batches a worker: a consumer that also produces (export) keeps at
    // most `count + 1` in flight, so its workers never wait on it while it reads.
    let (finished_tx, finished) = mpsc::sync_channel(2 * count);
    let mut give_back = Vec::with_capacity(count);
    for worker in 0..count {
        let (returned_tx, returned) = mpsc::channel::<O>();
        give_back.push(returned_tx);
        let (batches, finished_tx) = (batches.clone(), finished_tx.clone());
        scope.spawn(move || {
            loop {
                while let Ok(used) = returned.try_recv() {
                    drop(used);
                }
                let next = batches.lock().ok().and_then(|r| r.recv().ok());
                let Some((seq, batch)) = next else { break };
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(batch))).map(
                        |output| Done {
                            seq,
                            worker,
                            output,
                        },
                    );
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
    /// The output of the next batch in sequence; `None` once every worker has stopped
    /// and no output is left.
    ///
    /// # Panics
    /// Raises, on this thread, a panic that stopped a worker.
    pub fn next(&mut self) -> Option<Done<O>> {
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
    pub fn give_back(&self, worker: usize, used: O) {
        // A worker that has stopped no longer frees: then this thread does.
        let _ = self.give_back[worker].send(used);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_come_back_in_sequence_from_every_worker() {
        let (batches_tx, batches) = mpsc::sync_channel(4);
        let work = |n: u64| {
            // Early batches take longest, so later ones finish first.
            std::thread::sleep(std::time::Duration::from_millis(20 - n.min(20)));
            n * 10
        };
        let outputs = std::thread::scope(|scope| {
            let mut workers = start(scope, 3, batches, &work);
            scope.spawn(move || {
                for n in 0..20 {
                    batches_tx.send((n, n)).unwrap();
                }
            });
            let mut outputs = Vec::new();
            while let Some(done) = workers.next() {
                outputs.push(done.output);
                workers.give_back(done.worker, 0);
            }
            outputs
        });
        assert_eq!(outputs, (0..20).map(|n| n * 10).collect::<Vec<_>>());
    }

    #[test]
    fn a_panicking_worker_is_raised_by_the_consumer_not_waited_for() {
        let (batches_tx, batches) = mpsc::sync_channel(4);
        let work = |n: u64| {
            assert!(n != 3, "batch 3 is bad");
            n
        };
        let raised = std::thread::scope(|scope| {
            let mut workers = start(scope, 2, batches, &work);
            for n in 0..8 {
                batches_tx.send((n, n)).unwrap();
            }
            drop(batches_tx);
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                while workers.next().is_some() {}
            }))
        });
        assert!(raised.is_err());
    }

    #[test]
    fn dropping_the_workers_stops_a_blocked_producer() {
        let (batches_tx, batches) = mpsc::sync_channel(1);
        let work = |n: u64| n;
        let sent = std::thread::scope(|scope| {
            let producer = scope.spawn(move || {
                let mut sent = 0;
                while batches_tx.send((sent, sent)).is_ok() {
                    sent += 1;
                }
                sent
            });
            let mut workers = start(scope, 2, batches, &work);
            let first = workers.next().map(|d| d.output);
            assert_eq!(first, Some(0));
            drop(workers);
            producer.join().unwrap()
        });
        assert!(sent >= 1);
    }
}
