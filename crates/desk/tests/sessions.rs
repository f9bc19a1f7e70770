//! Signing in and out: the cookie, expiry, throttling, one-time passwords, and what disabling an
//! account or changing its role does to its sessions.

mod common;

use std::time::Duration;

use common::*;
use reqwest::Method;
use serde_json::json;
use spoc_core::desk::Role;

async fn login(desk: &Desk, username: &str, password: &str) -> reqwest::Response {
    client_with(None)
        .post(desk.url("/api/v1/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_session_cookie_is_host_only_secure_httponly_strict() {
    let desk = Desk::start().await;
    let response = login(&desk, OFFICER, PASSWORD).await;
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-spoc_session="), "{cookie}");
    for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=43200"] {
        assert!(
            cookie.split("; ").any(|a| a == attribute),
            "{attribute} missing: {cookie}"
        );
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let me: serde_json::Value = response.json().await.unwrap();
    assert_eq!(me["role"], "officer");
    assert_eq!(me["must_change_password"], false);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let desk = Desk::start().await;
    let wrong = login(&desk, OFFICER, "not the password at all").await;
    let unknown = login(&desk, "nobody.here", PASSWORD).await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    let wrong: serde_json::Value = wrong.json().await.unwrap();
    let unknown: serde_json::Value = unknown.json().await.unwrap();
    assert_eq!(wrong, unknown);
    assert_eq!(error_code(&wrong), "bad_credentials");
}

#[tokio::test]
async fn five_failures_lock_the_username_for_a_while() {
    let desk = Desk::start().await;
    for _ in 0..5 {
        assert_eq!(login(&desk, OFFICER, "guess guess guess").await.status(), 401);
    }
    let refused = login(&desk, OFFICER, PASSWORD).await;
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((800..=900).contains(&wait), "{wait}");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(error_code(&body), "too_many_attempts");
    // Others sign in as usual.
    assert_eq!(login(&desk, OTHER_OFFICER, PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_desk() {
    let desk = Desk::start().await;
    let cookie = desk.session_cookie(OFFICER, PASSWORD).await.unwrap();
    let client = client_with(Some(&cookie));
    let response = client.delete(desk.url("/api/v1/session")).send().await.unwrap();
    assert_eq!(response.status(), 204);
    assert!(response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    // The old cookie, replayed, opens nothing.
    let (status, body) = desk.get_as(&client, "/api/v1/session").await;
    assert_eq!((status, error_code(&body)), (401, "signed_out"));
}

#[tokio::test]
async fn idle_and_absolute_expiry() {
    let desk = Desk::start().await;
    let idle = desk.sign_in(OFFICER).await;
    desk.store
        .age_sessions(Duration::from_secs(2 * 3600 + 60))
        .await
        .unwrap();
    assert_eq!(desk.get_as(&idle, "/api/v1/session").await.0, 401);

    let busy = desk.sign_in(OFFICER).await;
    // Signed in 13 hours ago, active a minute ago: the absolute limit (12 h) still ends it.
    desk.execute(&format!(
        "UPDATE sessions SET created_ms = created_ms - {}",
        13 * 3600 * 1000_i64
    ))
    .await
    .unwrap();
    assert_eq!(desk.get_as(&busy, "/api/v1/session").await.0, 401);
}

#[tokio::test]
async fn a_one_time_password_must_be_changed_before_anything_else() {
    let desk = Desk::start().await;
    let cookie = desk
        .session_cookie("admin", &desk.first_admin_password)
        .await
        .unwrap();
    let admin = client_with(Some(&cookie));
    let (_, me) = desk.get_as(&admin, "/api/v1/session").await;
    assert_eq!(me["must_change_password"], true);
    let (status, body) = desk.get_as(&admin, "/api/v1/accounts").await;
    assert_eq!((status, error_code(&body)), (403, "password_change_required"));

    let change = |current: &str, new: &str| json!({ "current_password": current, "new_password": new });
    let path = "/api/v1/session/password";
    let (status, body) = desk
        .send_as(
            &admin,
            Method::PUT,
            path,
            Some(&change("wrong one", "a long new passphrase")),
        )
        .await;
    assert_eq!((status, error_code(&body)), (401, "bad_credentials"));
    let (status, body) = desk
        .send_as(
            &admin,
            Method::PUT,
            path,
            Some(&change(&desk.first_admin_password, "short")),
        )
        .await;
    assert_eq!((status, error_field(&body)), (422, Some("new_password")));
    let (status, _) = desk
        .send_as(
            &admin,
            Method::PUT,
            path,
            Some(&change(&desk.first_admin_password, "a long new passphrase")),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(desk.get_as(&admin, "/api/v1/accounts").await.0, 200);
    // The one-time password is spent.
    assert_eq!(
        desk.session_cookie("admin", &desk.first_admin_password).await,
        Err(401)
    );
}

#[tokio::test]
async fn disabling_an_account_or_changing_its_role_ends_its_sessions() {
    let desk = Desk::start().await;
    let admin = desk.client_of(Role::Admin).await;
    let officer = desk.sign_in(OTHER_OFFICER).await;
    let path = format!("/api/v1/accounts/{OTHER_OFFICER}");
    let (status, account) = desk
        .send_as(&admin, Method::PATCH, &path, Some(&json!({ "disabled": true })))
        .await;
    assert_eq!((status, account["disabled"].as_bool()), (200, Some(true)));
    assert_eq!(desk.get_as(&officer, "/api/v1/session").await.0, 401);
    assert_eq!(desk.session_cookie(OTHER_OFFICER, PASSWORD).await, Err(401));

    desk.send_as(&admin, Method::PATCH, &path, Some(&json!({ "disabled": false })))
        .await;
    let officer = desk.sign_in(OTHER_OFFICER).await;
    let (status, _) = desk
        .send_as(&admin, Method::PATCH, &path, Some(&json!({ "role": "spoc" })))
        .await;
    assert_eq!(status, 200);
    assert_eq!(desk.get_as(&officer, "/api/v1/session").await.0, 401);
}

#[tokio::test]
async fn account_rules() {
    let desk = Desk::start().await;
    let admin = desk.client_of(Role::Admin).await;
    let create = |username: &str| json!({ "username": username, "display_name": "Someone", "role": "spoc" });
    let (status, created) = desk
        .send_as(&admin, Method::POST, "/api/v1/accounts", Some(&create("new.one")))
        .await;
    assert_eq!(status, 201);
    let one_time = created["one_time_password"].as_str().unwrap().to_string();
    assert_eq!(created["account"]["must_change_password"], true);
    assert!(desk.session_cookie("new.one", &one_time).await.is_ok());

    let (status, body) = desk
        .send_as(&admin, Method::POST, "/api/v1/accounts", Some(&create("new.one")))
        .await;
    assert_eq!((status, error_code(&body)), (409, "username_taken"));
    for bad in ["", "New.One", "x", "new one", "1abc"] {
        let (status, body) = desk
            .send_as(&admin, Method::POST, "/api/v1/accounts", Some(&create(bad)))
            .await;
        assert_eq!((status, error_field(&body)), (422, Some("username")), "{bad:?}");
    }
    let (status, body) = desk
        .send_as(
            &admin,
            Method::POST,
            "/api/v1/accounts",
            Some(&json!({ "username": "x.y", "display_name": "X", "role": "king" })),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    // No admin can lock themselves out.
    let (status, _) = desk
        .send_as(
            &admin,
            Method::PATCH,
            &format!("/api/v1/accounts/{ADMIN}"),
            Some(&json!({ "disabled": true })),
        )
        .await;
    assert_eq!(status, 422);
    let (status, body) = desk
        .send_as(
            &admin,
            Method::PATCH,
            "/api/v1/accounts/nobody",
            Some(&json!({ "disabled": true })),
        )
        .await;
    assert_eq!((status, error_code(&body)), (404, "not_found"));
    // Password hashes never leave the desk.
    let (_, accounts) = desk.get_as(&admin, "/api/v1/accounts").await;
    assert!(!accounts.to_string().contains("argon2"), "{accounts}");
}
