//! Reading the desk's event stream (`GET /api/v1/desk/events`) as a browser's EventSource would.

use std::time::Duration;

use futures_util::StreamExt;

/// Reads the stream until `needle` shows up, or fails after 2 seconds.
pub async fn expect_event<B: AsRef<[u8]>>(
    stream: &mut (impl futures_util::Stream<Item = reqwest::Result<B>> + Unpin),
    needle: &str,
) -> String {
    expect_event_within(Duration::from_secs(2), stream, needle).await
}

pub async fn expect_event_within<B: AsRef<[u8]>>(
    within: Duration,
    stream: &mut (impl futures_util::Stream<Item = reqwest::Result<B>> + Unpin),
    needle: &str,
) -> String {
    let mut seen = String::new();
    let found = tokio::time::timeout(within, async {
        while let Some(chunk) = stream.next().await {
            seen.push_str(&String::from_utf8_lossy(chunk.unwrap().as_ref()));
            if seen.contains(needle) {
                return;
            }
        }
    })
    .await;
    assert!(
        found.is_ok(),
        "no event with {needle} within {within:?}; got {seen:?}"
    );
    seen
}

/// The `id:` and `data:` of every `capture` event in `text`, in order.
pub fn capture_events(text: &str) -> Vec<(i64, serde_json::Value)> {
    text.split("\n\n")
        .filter(|block| block.lines().any(|l| l == "event: capture"))
        .map(|block| {
            let field = |name: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(str::trim)
                    .unwrap_or_else(|| panic!("no {name} in {block:?}"))
                    .to_string()
            };
            (
                field("id:").parse().unwrap(),
                serde_json::from_str(&field("data:")).unwrap(),
            )
        })
        .collect()
}

/// The event stream at `url` (any desk's `/api/v1/desk/events`) as `client` reads it, told what came
/// after `last_event_id` first when one is given; fails the test unless it answers 200.
pub async fn open_events(
    client: &reqwest::Client,
    url: String,
    last_event_id: Option<i64>,
) -> impl futures_util::Stream<Item = reqwest::Result<impl AsRef<[u8]>>> + Unpin {
    let mut request = client.get(url);
    if let Some(id) = last_event_id {
        request = request.header("last-event-id", id.to_string());
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.bytes_stream()
}
