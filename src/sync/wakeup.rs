//! What wakes the sync loop. The loop is one task that sleeps on a [`Wakeup`]; every trigger – the
//! `online` event, the page becoming visible, a new submit, the backoff timer – only sets a flag and
//! wakes it. So there is never a second loop to race the first, and a trigger that arrives during a
//! round is not lost: the loop goes round once more.

use std::cell::RefCell;
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};

use crate::store::Due;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Start,
    Online,
    Visible,
    /// A new submit.
    Kick,
    /// A person pressed "Try now": tried even when the browser says there is no network (it is
    /// sometimes wrong, behind some VPNs and captive networks).
    Asked,
    /// The backoff timer.
    Timer,
}

impl Trigger {
    /// Only the timer keeps to the backoff schedule; every other trigger says something changed.
    pub fn due(self) -> Due {
        match self {
            Trigger::Timer => Due::Scheduled,
            _ => Due::All,
        }
    }
}

#[derive(Clone, Default)]
pub struct Wakeup(Rc<RefCell<Pending>>);

#[derive(Default)]
struct Pending {
    due: Option<Due>,
    asked: bool,
    waker: Option<Waker>,
}

/// What the loop woke for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Woken {
    pub due: Due,
    /// A person asked to try now.
    pub asked: bool,
}

impl Wakeup {
    pub fn wake(&self, trigger: Trigger) {
        let waker = {
            let mut pending = self.0.borrow_mut();
            pending.due = Some(match (pending.due, trigger.due()) {
                (Some(Due::All), _) | (_, Due::All) => Due::All,
                _ => Due::Scheduled,
            });
            pending.asked |= trigger == Trigger::Asked;
            pending.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Waits for the next trigger(s); [`Due::All`] if any of them was more than the timer.
    pub async fn next(&self) -> Woken {
        poll_fn(|cx| {
            let mut pending = self.0.borrow_mut();
            match pending.due.take() {
                Some(due) => Poll::Ready(Woken {
                    due,
                    asked: std::mem::take(&mut pending.asked),
                }),
                None => {
                    pending.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await
    }
}
