//! A bound on open event streams per session. Each stream holds a connection and a broadcast
//! receiver for as long as the browser keeps it; without a bound one stolen or buggy session could
//! open thousands. A few per session cover an operator's tabs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Open streams one session may hold on one desk replica.
pub const STREAMS_PER_SESSION: usize = 4;

/// Open streams, by session (the token's hash).
#[derive(Debug, Default)]
pub struct StreamSlots(Mutex<HashMap<String, usize>>);

/// One open stream; gives its slot back when dropped (the stream ended or the browser went away).
#[derive(Debug)]
pub struct StreamSlot {
    slots: Arc<StreamSlots>,
    session: String,
}

impl StreamSlots {
    /// A slot for `session`, or `None` when it already holds [`STREAMS_PER_SESSION`].
    pub fn take(self: &Arc<Self>, session: &str) -> Option<StreamSlot> {
        let mut open = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = open.entry(session.to_string()).or_default();
        if *count >= STREAMS_PER_SESSION {
            return None;
        }
        *count += 1;
        Some(StreamSlot {
            slots: Arc::clone(self),
            session: session.to_string(),
        })
    }

    pub fn open(&self, session: &str) -> usize {
        let open = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        open.get(session).copied().unwrap_or(0)
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self
            .slots
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = open.get_mut(&self.session) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.session);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_come_back_when_streams_end() {
        let slots = Arc::new(StreamSlots::default());
        let held: Vec<_> = (0..STREAMS_PER_SESSION)
            .map(|_| slots.take("a").unwrap())
            .collect();
        assert!(slots.take("a").is_none(), "the bound holds");
        assert!(slots.take("b").is_some(), "per session");
        drop(held);
        assert_eq!(slots.open("a"), 0);
        assert!(slots.take("a").is_some());
    }
}
