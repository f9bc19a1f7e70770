//! The link graph's data: hops counted as links between captures through a shared identifier,
//! cycles and repeated identifiers counted once, short links never nodes, the node cap said plainly,
//! and who may ask.

mod common;

use std::collections::HashSet;

use common::*;
use serde_json::Value;
use spoc_core::api::Submission;
use spoc_core::desk::{GraphRoot, Role};
use spoc_core::Platform;
use spoc_desk::store::{Store, Who};

async fn submit(desk: &Desk, raws: &[(&str, Option<Platform>)]) -> String {
    let capture = capture_with_identifiers(&new_id(), raws);
    let sent = sign(Submission::new(capture).unwrap());
    let (status, body) = desk.submit(&sent).await;
    assert_eq!(status, 201, "{body}");
    sent.capture.id
}

fn node_ids(graph: &Value) -> Vec<(String, u64)> {
    graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_string(),
                n["distance"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn has(graph: &Value, id: &str) -> bool {
    node_ids(graph).iter().any(|(n, _)| n == id)
}

fn distance(graph: &Value, id: &str) -> u64 {
    node_ids(graph)
        .into_iter()
        .find(|(n, _)| n == id)
        .unwrap_or_else(|| panic!("{id} not in {graph}"))
        .1
}

fn edges(graph: &Value) -> Vec<(String, String)> {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["capture"].as_str().unwrap().to_string(),
                e["identifier"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn c(id: &str) -> String {
    format!("capture:{id}")
}

fn i(key: &str) -> String {
    format!("identifier:{key}")
}

fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn hops_reach_one_link_further_each() {
    let desk = Desk::start().await;
    // A chain: a -one- b -two- c -three- d.
    let a = submit(&desk, &[("@one", Some(Platform::Tiktok))]).await;
    let b = submit(
        &desk,
        &[
            ("@one", Some(Platform::Tiktok)),
            ("@two", Some(Platform::Snapchat)),
        ],
    )
    .await;
    let cc = submit(
        &desk,
        &[("@two", Some(Platform::Snapchat)), ("+4520123456", None)],
    )
    .await;
    let d = submit(&desk, &[("0045 20 12 34 56", Some(Platform::Whatsapp))]).await;
    let operator = desk.client_of(Role::Spoc).await;
    let graph = |hops: u8| {
        let (desk, operator, a) = (&desk, &operator, &a);
        async move {
            let (status, graph) = desk
                .get_as(operator, &format!("/api/v1/desk/graph?capture={a}&hops={hops}"))
                .await;
            assert_eq!(status, 200, "{graph}");
            graph
        }
    };

    let one = graph(1).await;
    assert_eq!(one["root"], c(&a));
    assert_eq!(one["capped"], false);
    assert_eq!(distance(&one, &c(&a)), 0);
    assert_eq!(distance(&one, &i("tiktok|username|@one")), 1);
    assert_eq!(distance(&one, &c(&b)), 2);
    assert!(!has(&one, &i("snapchat|username|@two")));
    assert!(!has(&one, &c(&cc)));

    let two = graph(2).await;
    assert_eq!(distance(&two, &i("snapchat|username|@two")), 3);
    assert_eq!(distance(&two, &c(&cc)), 4);
    assert!(!has(&two, &c(&d)));

    let three = graph(3).await;
    // The phone links across platforms: one node, c and d both name it.
    assert_eq!(distance(&three, &i("any|phone|+4520123456")), 5);
    assert_eq!(distance(&three, &c(&d)), 6);
    assert_eq!(three["nodes"].as_array().unwrap().len(), 7);
    assert_eq!(edges(&three).len(), 6);
    // Nodes come by distance.
    let distances: Vec<u64> = node_ids(&three).into_iter().map(|(_, d)| d).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    // Capture nodes carry their reference, identifier nodes their identifier and key.
    let d_node = &three["nodes"].as_array().unwrap()[6];
    assert_eq!(d_node["capture"]["id"], d.as_str());
    let phone = three["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == i("any|phone|+4520123456"))
        .unwrap();
    assert_eq!(phone["key"], "any|phone|+4520123456");
    assert_eq!(phone["identifier"]["kind"], "phone");

    // From the identifier: its captures one edge out, their identifiers two, and so on.
    let (status, from_phone) = desk
        .get_as(
            &operator,
            &format!(
                "/api/v1/desk/graph?identifier={}&hops=1",
                enc("any|phone|+4520123456")
            ),
        )
        .await;
    assert_eq!(status, 200, "{from_phone}");
    assert_eq!(from_phone["root"], i("any|phone|+4520123456"));
    assert_eq!(distance(&from_phone, &c(&cc)), 1);
    assert_eq!(distance(&from_phone, &c(&d)), 1);
    assert_eq!(distance(&from_phone, &i("snapchat|username|@two")), 2);
    assert!(!has(&from_phone, &c(&b)));
}

#[tokio::test]
async fn cycles_and_an_identifier_named_twice_count_once_and_short_links_are_no_nodes() {
    let desk = Desk::start().await;
    // a and b share two identifiers: a cycle a-one-b-two-a. a names @one twice, written two ways.
    let a = submit(
        &desk,
        &[
            ("@one", Some(Platform::Tiktok)),
            ("https://www.tiktok.com/@One?lang=da", None),
            ("@two", Some(Platform::Snapchat)),
            ("https://vm.tiktok.com/ZMabc123/", None),
        ],
    )
    .await;
    let b = submit(
        &desk,
        &[
            ("@two", Some(Platform::Snapchat)),
            ("@one", Some(Platform::Tiktok)),
            ("https://vm.tiktok.com/ZMabc123/", None),
        ],
    )
    .await;
    let operator = desk.client_of(Role::Spoc).await;
    let (status, graph) = desk
        .get_as(&operator, &format!("/api/v1/desk/graph?capture={a}&hops=3"))
        .await;
    assert_eq!(status, 200, "{graph}");
    let ids: Vec<String> = node_ids(&graph).into_iter().map(|(n, _)| n).collect();
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "a node twice: {ids:?}");
    assert_eq!(
        unique,
        [
            c(&a),
            c(&b),
            i("tiktok|username|@one"),
            i("snapchat|username|@two")
        ]
        .iter()
        .collect()
    );
    let all = edges(&graph);
    let set: HashSet<&(String, String)> = all.iter().collect();
    assert_eq!(all.len(), 4, "{all:?}");
    assert_eq!(set.len(), 4);
    assert!(!graph.to_string().contains("vm.tiktok.com"));
}

#[tokio::test]
async fn the_graph_says_what_it_refuses_and_who_may_ask() {
    let desk = Desk::start().await;
    let a = submit(&desk, &[("@one", Some(Platform::Tiktok))]).await;
    let operator = desk.client_of(Role::Spoc).await;
    for (query, field) in [
        ("".to_string(), "capture"),
        (
            format!("capture={a}&identifier=tiktok%7Cusername%7C%40one"),
            "capture",
        ),
        ("capture=not-a-uuid".to_string(), "capture"),
        ("identifier=%40one".to_string(), "identifier"),
        (format!("capture={a}&hops=0"), "hops"),
        (format!("capture={a}&hops=4"), "hops"),
        (format!("capture={a}&hops=two"), "hops"),
    ] {
        let (status, body) = desk
            .get_as(&operator, &format!("/api/v1/desk/graph?{query}"))
            .await;
        assert_eq!(
            (status, error_field(&body)),
            (400, Some(field)),
            "{query}: {body}"
        );
    }
    let (status, _) = desk
        .get_as(&operator, &format!("/api/v1/desk/graph?capture={}", new_id()))
        .await;
    assert_eq!(status, 404);
    let (status, _) = desk
        .get_as(
            &operator,
            "/api/v1/desk/graph?identifier=tiktok%7Cusername%7C%40nobody",
        )
        .await;
    assert_eq!(status, 404);

    let path = format!("/api/v1/desk/graph?capture={a}");
    assert_eq!(desk.get_as(&client_with(None), &path).await.0, 401);
    for role in [Role::Officer, Role::Admin] {
        assert_eq!(desk.get_as(&desk.client_of(role).await, &path).await.0, 403);
    }
    assert_eq!(desk.get_as(&operator, &path).await.0, 200);

    let journal = desk.journal().await;
    let reads: Vec<&Value> = journal.iter().filter(|e| e["action"] == "graph.read").collect();
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0]["object"], "capture");
    assert_eq!(reads[0]["detail"], "2 nodes, 2 hops");
}

#[tokio::test]
async fn a_graph_at_its_node_cap_says_it_was_cut() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&TestDb::new(dir.path()).await.url).await.unwrap();
    // Twelve captures naming one phone: the phone's graph would have thirteen nodes.
    let submissions: Vec<Submission> = (0..12)
        .map(|_| Submission::new(capture_with_identifiers(&new_id(), &[("+4520123456", None)])).unwrap())
        .collect();
    store.load_captures(&submissions, None).await.unwrap();
    let who = Who::anonymous("test");
    let root = GraphRoot::Identifier("any|phone|+4520123456".into());

    let whole = store.link_graph(&who, &root, 1, 50).await.unwrap().unwrap();
    assert!(!whole.capped);
    assert_eq!((whole.nodes.len(), whole.edges.len()), (13, 12));

    let cut = store.link_graph(&who, &root, 1, 5).await.unwrap().unwrap();
    assert!(cut.capped);
    assert_eq!(cut.max_nodes, 5);
    assert_eq!(cut.nodes.len(), 5);
    // Every edge joins two nodes that are in the answer.
    let ids: HashSet<&str> = cut.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(cut.edges.len(), 4);
    assert!(cut
        .edges
        .iter()
        .all(|e| ids.contains(e.capture.as_str()) && ids.contains(e.identifier.as_str())));
}
