//! What a security test of the desk found, each case with its status, error code, the tables
//! unchanged and the journal entry where one is due: body limits per endpoint and bounded parsing,
//! slow clients cut off, open event streams capped per session, another account's capture and device
//! ids answered without telling anything about them, cross-site requests refused, HTTPS.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};
use spoc_core::desk::Role;
use spoc_desk::http::desk::stream_slots::STREAMS_PER_SESSION;
use spoc_desk::http::json_body::{MAX_JSON_VALUES, SMALL_BODY};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn journal_actions(desk: &Desk) -> Vec<(String, String, String)> {
    let entries = desk.store.journal_page(None, 10_000).await.unwrap();
    entries
        .into_iter()
        .map(|e| (e.actor, e.action, e.object))
        .collect()
}

#[tokio::test]
async fn sign_in_reads_a_few_kilobytes_at_most() {
    let desk = Desk::start().await;
    let anonymous = client_with(None);
    // A 16 MiB array of zeros, declared: refused before a byte of it is read.
    let zeros = format!("[{}0]", "0,".repeat(8 * 1024 * 1024 - 1));
    let answer = anonymous
        .post(desk.url("/api/v1/session"))
        .header("content-type", "application/json")
        .body(zeros)
        .send()
        .await
        .unwrap();
    let (status, body) = read(answer).await;
    assert_eq!((status, error_code(&body)), (413, "payload_too_large"), "{body}");
    assert!(error_message(&body).contains(&SMALL_BODY.to_string()), "{body}");

    // Chunked, with no length declared: held to the same limit while reading.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = (0..64).map(|_| Ok(vec![b' '; 1024])).collect();
    let answer = anonymous
        .post(desk.url("/api/v1/session"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    let (status, body) = read(answer).await;
    assert_eq!((status, error_code(&body)), (413, "payload_too_large"), "{body}");

    // Within the limit, a real sign-in still works.
    assert!(desk.session_cookie(OFFICER, PASSWORD).await.is_ok());
}

#[tokio::test]
async fn ingest_checks_the_session_before_reading_the_body() {
    let desk = Desk::start().await;
    let before = desk.table().await;
    let huge = vec![b'x'; 8 * 1024 * 1024];
    let answer = client_with(None)
        .post(desk.url("/api/v1/captures"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    let (status, body) = read(answer).await;
    assert_eq!((status, error_code(&body)), (401, "signed_out"), "{body}");
    assert_eq!(desk.table().await, before);
}

#[tokio::test]
async fn parsing_is_bounded_by_the_number_of_values() {
    let desk = Desk::start().await;
    let before = desk.table().await;
    // Small in bytes (about 0.4 MiB), huge once parsed: refused before parsing.
    let many = format!("[{}0]", "0,".repeat(MAX_JSON_VALUES));
    let (status, body) = desk
        .post_raw(
            "/api/v1/captures/batch",
            Some("application/json"),
            many.into_bytes(),
        )
        .await;
    assert_eq!(
        (status, error_code(&body)),
        (413, "too_many_json_values"),
        "{body}"
    );
    assert_eq!(desk.table().await, before);
    // A real capture is far below the bound.
    let (status, body) = desk.submit(&sign(submission(&new_id()))).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn a_small_body_of_the_wrong_kind_is_named() {
    let desk = Desk::start().await;
    let (status, body) = desk
        .post_raw(
            "/api/v1/session",
            Some("application/json"),
            b"{\"username\": ".to_vec(),
        )
        .await;
    assert_eq!((status, error_code(&body)), (400, "invalid_json"), "{body}");
    let (status, body) = desk
        .post_raw(
            "/api/v1/session",
            Some("application/json"),
            b"{\"username\": \"a\", \"password\": \"b\"} trailing".to_vec(),
        )
        .await;
    assert_eq!((status, error_code(&body)), (400, "invalid_json"), "{body}");
    let (status, body) = desk
        .post_raw(
            "/api/v1/session",
            Some("application/json"),
            b"{\"username\": 1, \"password\": \"x\"}".to_vec(),
        )
        .await;
    assert_eq!((status, error_code(&body)), (422, "invalid_shape"), "{body}");
    assert_eq!(error_field(&body), Some("username"), "{body}");
    let (status, body) = desk
        .post_raw("/api/v1/session", Some("text/plain"), b"{}".to_vec())
        .await;
    assert_eq!(
        (status, error_code(&body)),
        (415, "unsupported_media_type"),
        "{body}"
    );
}

#[tokio::test]
async fn slow_headers_are_cut_off() {
    let desk = Desk::start().await;
    let mut stream = TcpStream::connect(desk.addr).await.unwrap();
    stream
        .write_all(b"POST /api/v1/session HTTP/1.1\r\nHost: desk\r\n")
        .await
        .unwrap();
    // A header line now and then, never the blank line that ends the head.
    let trickle = async {
        for n in 0.. {
            tokio::time::sleep(Duration::from_secs(2)).await;
            if stream
                .write_all(format!("X-Slow-{n}: 1\r\n").as_bytes())
                .await
                .is_err()
            {
                break;
            }
        }
    };
    let cut = tokio::time::timeout(spoc_desk::serve::HEADER_TIMEOUT * 3, trickle).await;
    assert!(cut.is_ok(), "still writing headers after three header timeouts");
}

#[tokio::test]
async fn slow_bodies_are_cut_off_with_408() {
    let desk = Desk::start().await;
    let mut stream = TcpStream::connect(desk.addr).await.unwrap();
    // A sign-in body of 20,000 bytes declared, sent a byte every 2 s: the deadline is 12 s.
    stream
        .write_all(
            b"POST /api/v1/session HTTP/1.1\r\nHost: desk\r\nContent-Type: application/json\r\n\
              Content-Length: 20000\r\n\r\n{",
        )
        .await
        .unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let trickle = tokio::spawn(async move {
        while writer.write_all(b" ").await.is_ok() {
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
    });
    let deadline = spoc_desk::http::json_body::body_deadline(20_000);
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    let read = tokio::time::timeout(deadline * 3, async {
        while !String::from_utf8_lossy(&answer).contains("body_timeout") {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    trickle.abort();
    assert!(read.is_ok(), "no answer within three deadlines");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"body_timeout\""), "{answer}");
}

#[tokio::test]
async fn a_session_holds_a_bounded_number_of_event_streams() {
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;
    let mut open = Vec::new();
    for _ in 0..STREAMS_PER_SESSION {
        let stream = operator
            .get(desk.url("/api/v1/desk/events"))
            .send()
            .await
            .unwrap();
        assert_eq!(stream.status(), 200);
        open.push(stream);
    }
    let (status, body) = read(
        operator
            .get(desk.url("/api/v1/desk/events"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (429, "too_many_streams"), "{body}");
    // Another session of the same operator is not held back by this one.
    let other = desk.client_of(Role::Spoc).await;
    let stream = other.get(desk.url("/api/v1/desk/events")).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    // A stream the browser closes gives its slot back.
    drop(open.pop());
    let again = async {
        loop {
            let stream = operator
                .get(desk.url("/api/v1/desk/events"))
                .send()
                .await
                .unwrap();
            if stream.status() == 200 {
                break stream;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), again)
        .await
        .expect("the slot came back");
}

#[tokio::test]
async fn another_accounts_capture_id_tells_nothing_and_is_journalled() {
    let desk = Desk::start().await;
    let id = new_id();
    let (status, receipt) = desk.submit(&sign(submission(&id))).await;
    assert_eq!(status, 201, "{receipt}");
    let before = desk.table().await;

    let other = desk.sign_in(OTHER_OFFICER).await;
    for attempt in [submission(&id), changed_submission(&id)] {
        let sealed = desk.to_value(&sign_as(attempt, OTHER_OFFICER));
        let (status, body) = desk
            .send_as(&other, reqwest::Method::POST, "/api/v1/captures", Some(&sealed))
            .await;
        assert_eq!((status, error_code(&body)), (409, "id_taken"), "{body}");
        let text = body.to_string();
        let seq = receipt["server_seq"].to_string();
        assert!(
            !text.contains(&format!(" {seq}")) && body.get("server_seq").is_none(),
            "{body}"
        );
        assert!(!text.contains(receipt["sha256"].as_str().unwrap()), "{body}");
        // The batch answers the same, item by item.
        let (status, body) = desk
            .send_as(
                &other,
                reqwest::Method::POST,
                "/api/v1/captures/batch",
                Some(&batch(vec![sealed])),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["results"][0]["status"], 409, "{body}");
        assert_eq!(body["results"][0]["error"]["code"], "id_taken", "{body}");
        assert_eq!(body["results"][0]["receipt"], Value::Null, "{body}");
    }
    assert_eq!(desk.table().await, before, "nothing written");
    let journal = journal_actions(&desk).await;
    let taken = journal
        .iter()
        .filter(|(actor, action, object)| {
            actor == OTHER_OFFICER && action == "capture.id_taken" && *object == id
        })
        .count();
    assert_eq!(taken, 4, "each attempt journalled: {journal:?}");

    // For the account that sent it, a resend is still harmless and gets the original receipt.
    let (status, again) = desk.submit(&sign(submission(&id))).await;
    assert_eq!((status, &again), (200, &receipt));
}

#[tokio::test]
async fn another_accounts_device_id_tells_nothing_and_is_journalled() {
    let desk = Desk::start().await;
    let officers_device = DEVICES[0].1;
    let other = desk.sign_in(OTHER_OFFICER).await;
    let registration = json!({
        "device_id": officers_device,
        "public_key": device_public_key(OTHER_OFFICER),
        "label": "someone else's phone",
    });
    let (status, body) = desk
        .send_as(
            &other,
            reqwest::Method::POST,
            "/api/v1/devices",
            Some(&registration),
        )
        .await;
    assert_eq!((status, error_code(&body)), (409, "device_id_taken"), "{body}");
    // The same answer as for the right account with another key: nothing says whose it is.
    let own_other_key = json!({
        "device_id": officers_device,
        "public_key": device_public_key(OTHER_OFFICER),
        "label": "a new key",
    });
    let (status_own, body_own) = desk.post_json("/api/v1/devices", &own_other_key).await;
    assert_eq!((status_own, &body_own), (status, &body));
    let key = desk.store.device_key(officers_device).await.unwrap().unwrap();
    assert_eq!(key.public_key, device_public_key(OFFICER), "unchanged");
    let journal = journal_actions(&desk).await;
    assert!(
        journal
            .iter()
            .any(|(actor, action, object)| actor == OTHER_OFFICER
                && action == "device.id_taken"
                && object == officers_device),
        "{journal:?}"
    );
}

#[tokio::test]
async fn cross_site_requests_change_nothing() {
    let desk = Desk::start().await;
    let admin = desk.client_of(Role::Admin).await;
    let reset = format!("/api/v1/accounts/{OFFICER}/password");
    let own = format!("http://{}", desk.addr);
    for (origin, site) in [
        (Some("https://evil.test"), None),
        (Some("https://sibling.desk.test"), Some("same-site")),
        (None, Some("cross-site")),
        (Some("null"), None),
    ] {
        let mut request = admin.post(desk.url(&reset));
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        let (status, body) = read(request.send().await.unwrap()).await;
        assert_eq!(
            (status, error_code(&body)),
            (403, "cross_site"),
            "{origin:?} {site:?}: {body}"
        );
        // The officer's password still works: nothing was reset.
        assert!(desk.session_cookie(OFFICER, PASSWORD).await.is_ok());
    }
    // Sign-in from another site is refused too (no session is made for a forged form).
    let (status, body) = read(
        client_with(None)
            .post(desk.url("/api/v1/session"))
            .header("origin", "https://evil.test")
            .json(&json!({ "username": OFFICER, "password": PASSWORD }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (403, "cross_site"), "{body}");
    // From the desk's own page it works.
    let answer = admin
        .post(desk.url(&reset))
        .header("origin", &own)
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
}

#[tokio::test]
async fn the_document_lists_every_shared_answer() {
    let desk = Desk::start().await;
    let (status, doc) = desk.get("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if !["post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let responses = &operation["responses"];
            assert!(
                responses["403"]["description"]
                    .as_str()
                    .unwrap()
                    .contains("`cross_site`"),
                "{method} {path}"
            );
            if operation.get("requestBody").is_some() {
                for status in ["400", "408", "413", "415"] {
                    assert!(
                        responses.get(status).is_some(),
                        "{method} {path} lists no {status}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 9, "every JSON endpoint: {checked}");
}

#[tokio::test]
async fn the_desk_speaks_https_with_the_given_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
        ])
        .args([
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let db = TestDb::new(dir.path()).await;
    let config = spoc_desk::config::Config {
        tls_cert: Some(cert.clone()),
        tls_key: Some(key),
        ..test_config(&db.url, &write_kek(dir.path()), dir.path().join("dist"))
    };
    let bound = spoc_desk::bind(config).await.expect("starts with TLS");
    assert_eq!(bound.scheme, "https");
    let addr = bound.addr;
    tokio::spawn(bound.server);
    let url = format!("https://{addr}/api/v1/health");
    let curl = tokio::task::spawn_blocking(move || {
        std::process::Command::new("curl")
            .args(["--silent", "--show-error", "--max-time", "20", "--cacert"])
            .arg(&cert)
            .arg(&url)
            .output()
            .expect("curl")
    })
    .await
    .unwrap();
    assert!(curl.status.success(), "{}", String::from_utf8_lossy(&curl.stderr));
    let health: Value = serde_json::from_slice(&curl.stdout).expect("JSON over TLS");
    assert!(health.is_object(), "{health}");
    // Plain HTTP on the TLS port gets no answer.
    let plain = client_with(None)
        .get(format!("http://{addr}/api/v1/health"))
        .send()
        .await;
    assert!(plain.is_err() || !plain.unwrap().status().is_success());
}
