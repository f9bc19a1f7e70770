//! The sign-in throttle is kept in the database: the per-username limit (5 failures in 15 minutes →
//! 429 with Retry-After) counts failures on every desk and survives a restart; an address with many
//! failures (a police station's NAT) is slowed, never refused: a correct password from it is
//! accepted.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::json;
use spoc_desk::auth::throttle::{failure_delay, ADDRESS_SLOWS_AT, WINDOW};
use spoc_desk::store::now_ms;

async fn login_at(addr: std::net::SocketAddr, username: &str, password: &str) -> reqwest::Response {
    client_with(None)
        .post(format!("http://{addr}/api/v1/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
}

fn retry_after(response: &reqwest::Response) -> u64 {
    response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn the_username_limit_counts_failures_on_every_desk_and_survives_a_restart() {
    let desk = Desk::start().await;
    let other_desk = desk.replica().await;
    for (n, on) in [desk.addr, other_desk, desk.addr, other_desk, desk.addr]
        .into_iter()
        .enumerate()
    {
        let answer = login_at(on, OFFICER, "guess guess guess").await;
        assert_eq!(answer.status(), 401, "failure {}", n + 1);
    }
    for on in [desk.addr, other_desk] {
        let refused = login_at(on, OFFICER, PASSWORD).await;
        assert_eq!(refused.status(), 429);
        assert!((800..=900).contains(&retry_after(&refused)));
    }
    // A desk started after the failures (a restart, a new replica) knows them.
    let restarted = desk.replica().await;
    assert_eq!(login_at(restarted, OFFICER, PASSWORD).await.status(), 429);
    // Another username is not touched, and a success clears its own count.
    for _ in 0..4 {
        assert_eq!(
            login_at(restarted, OTHER_OFFICER, "guess guess guess")
                .await
                .status(),
            401
        );
    }
    assert_eq!(login_at(desk.addr, OTHER_OFFICER, PASSWORD).await.status(), 200);
    for _ in 0..4 {
        assert_eq!(
            login_at(other_desk, OTHER_OFFICER, "guess guess guess")
                .await
                .status(),
            401
        );
    }
    assert_eq!(login_at(restarted, OTHER_OFFICER, PASSWORD).await.status(), 200);
}

/// Signs in from `from`, as the trusted proxy in front of the desk names the client.
async fn login_from(desk: &Desk, from: &str, username: &str, password: &str) -> reqwest::Response {
    client_with(None)
        .post(desk.url("/api/v1/session"))
        .header("x-forwarded-for", from)
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_correct_password_from_an_address_with_many_failures_is_accepted_and_failures_slow_down() {
    let desk = Desk::start_behind("127.0.0.1".parse().unwrap()).await;
    const STATION: &str = "10.20.30.40";
    // A station's NAT address after a morning of mistyped passwords, or someone spraying guesses
    // from it, one or two per username.
    let already = ADDRESS_SLOWS_AT + 4;
    for n in 0..already {
        let keys = [format!("user:guess.{n}"), format!("addr:{STATION}")];
        desk.store
            .record_login_failure(&keys, now_ms(), WINDOW.as_millis() as i64)
            .await
            .unwrap();
    }
    // One more failure from there is answered only after the delay...
    let started = Instant::now();
    let wrong = login_from(&desk, STATION, "guess.more", "guess guess guess").await;
    assert_eq!(wrong.status(), 401);
    let delay = failure_delay(already);
    assert!(delay >= Duration::from_secs(1));
    assert!(
        started.elapsed() >= delay,
        "answered after {:?}",
        started.elapsed()
    );
    // ...but an officer with the right password is let in, from the same address.
    assert_eq!(login_from(&desk, STATION, OFFICER, PASSWORD).await.status(), 200);
    let (from_station, _) = desk
        .store
        .login_failures(&format!("addr:{STATION}"), now_ms() - WINDOW.as_millis() as i64)
        .await
        .unwrap();
    assert_eq!(from_station, already + 1, "the success did not clear the address");
    // The username limit holds as before, whatever the address.
    for _ in 0..5 {
        assert_eq!(
            login_from(&desk, "10.0.0.7", OTHER_OFFICER, "guess guess")
                .await
                .status(),
            401
        );
    }
    assert_eq!(
        login_from(&desk, STATION, OTHER_OFFICER, PASSWORD).await.status(),
        429
    );
}

#[tokio::test]
async fn failures_older_than_the_window_count_for_nothing_and_are_forgotten() {
    let desk = Desk::start().await;
    let long_ago = now_ms() - WINDOW.as_millis() as i64 - 1000;
    for _ in 0..5 {
        desk.store
            .record_login_failure(&[format!("user:{OFFICER}")], long_ago, WINDOW.as_millis() as i64)
            .await
            .unwrap();
    }
    assert_eq!(login_at(desk.addr, OFFICER, PASSWORD).await.status(), 200);
    // The next failure prunes what has left the window.
    assert_eq!(
        login_at(desk.addr, OFFICER, "guess guess guess").await.status(),
        401
    );
    let mut raw = desk.raw().await;
    let kept = raw
        .fetch_i64(&format!(
            "SELECT COUNT(*) FROM login_failures WHERE at_ms <= {long_ago}"
        ))
        .await;
    assert_eq!(kept, 0, "old failures are deleted");
    raw.close().await;
}
