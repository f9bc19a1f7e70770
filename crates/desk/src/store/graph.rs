//! The link graph around one capture or one identifier, breadth first over the link index
//! (`capture_identifiers.link_key`), a whole frontier per query. Bounded by the node cap and by a
//! row cap per query, so an identifier shared by thousands of captures costs one bounded query and
//! says the graph was cut.

use std::collections::{HashMap, HashSet};

use spoc_core::desk::{
    capture_node, identifier_node, CaptureRef, GraphEdge, GraphNode, GraphRoot, LinkGraph,
};
use spoc_core::Identifier;
use sqlx::QueryBuilder;

use super::analysis::identifier_of;
use super::desk::capture_ref;
use super::dialect::Columns;
use super::journal::Who;
use super::{Conn, StoreError};

/// Bound values per `IN (…)` list: inside both engines' limits.
const IN_CHUNK: usize = 500;

/// What the search found, before the captures' own rows are read.
#[derive(Default)]
struct Found {
    /// Server number → distance, and the order found.
    captures: HashMap<i64, u8>,
    capture_order: Vec<i64>,
    identifiers: HashMap<String, (u8, Identifier)>,
    identifier_order: Vec<String>,
    edges: Vec<(i64, String)>,
    edge_set: HashSet<(i64, String)>,
    capped: bool,
}

impl Found {
    fn nodes(&self) -> usize {
        self.captures.len() + self.identifiers.len()
    }

    fn edge(&mut self, seq: i64, key: &str) {
        if self.captures.contains_key(&seq)
            && self.identifiers.contains_key(key)
            && self.edge_set.insert((seq, key.to_string()))
        {
            self.edges.push((seq, key.to_string()));
        }
    }
}

both_engines! {
    pub(crate) async fn link_graph(
        &self,
        who: &Who,
        root: &GraphRoot,
        hops: u8,
        max_nodes: u32,
    ) -> Result<Option<LinkGraph>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let max_nodes = max_nodes.max(1) as usize;
        // Rows one frontier query may return: enough for the nodes still allowed and their edges.
        let row_cap = (max_nodes as i64) * 8;
        let mut found = Found::default();
        let mut capture_frontier: Vec<i64> = Vec::new();
        let mut key_frontier: Vec<String> = Vec::new();
        match root {
            GraphRoot::Capture(id) => {
                let seq: Option<i64> = sqlx::query_scalar("SELECT server_seq FROM captures WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
                let Some(seq) = seq else { return Ok(None) };
                found.captures.insert(seq, 0);
                found.capture_order.push(seq);
                capture_frontier.push(seq);
            }
            GraphRoot::Identifier(key) => {
                let row = sqlx::query(
                    "SELECT platform, kind, value FROM capture_identifiers WHERE link_key = $1 LIMIT 1",
                )
                .bind(key)
                .fetch_optional(&mut *conn)
                .await?;
                let Some(row) = row else { return Ok(None) };
                found.identifiers.insert(key.clone(), (0, identifier_of(&row)?));
                found.identifier_order.push(key.clone());
                key_frontier.push(key.clone());
            }
        }

        let max_distance = 2 * hops;
        for distance in 0..max_distance {
            let next = distance + 1;
            if !capture_frontier.is_empty() {
                let seqs = std::mem::take(&mut capture_frontier);
                let rows = Self::identifiers_of(&mut conn, &seqs, row_cap).await?;
                found.capped |= rows.len() as i64 >= row_cap;
                for (seq, key, identifier) in rows {
                    if !found.identifiers.contains_key(&key) {
                        if found.nodes() >= max_nodes {
                            found.capped = true;
                            continue;
                        }
                        found.identifiers.insert(key.clone(), (next, identifier));
                        found.identifier_order.push(key.clone());
                        key_frontier.push(key.clone());
                    }
                    found.edge(seq, &key);
                }
            } else if !key_frontier.is_empty() {
                let keys = std::mem::take(&mut key_frontier);
                let rows = Self::captures_naming(&mut conn, &keys, row_cap).await?;
                found.capped |= rows.len() as i64 >= row_cap;
                for (seq, key) in rows {
                    if !found.captures.contains_key(&seq) {
                        if found.nodes() >= max_nodes {
                            found.capped = true;
                            continue;
                        }
                        found.captures.insert(seq, next);
                        found.capture_order.push(seq);
                        capture_frontier.push(seq);
                    }
                    found.edge(seq, &key);
                }
            } else {
                break;
            }
        }

        let refs = Self::capture_refs(&mut conn, &found.capture_order).await?;
        drop(conn);
        let mut nodes: Vec<GraphNode> = Vec::with_capacity(found.nodes());
        for seq in &found.capture_order {
            let Some(reference) = refs.get(seq) else { continue };
            nodes.push(GraphNode {
                id: capture_node(&reference.id),
                distance: found.captures[seq],
                capture: Some(reference.clone()),
                identifier: None,
                key: None,
            });
        }
        for key in &found.identifier_order {
            let (distance, identifier) = &found.identifiers[key];
            nodes.push(GraphNode {
                id: identifier_node(key),
                distance: *distance,
                capture: None,
                identifier: Some(identifier.clone()),
                key: Some(key.clone()),
            });
        }
        // By distance, then in the order found (a stable sort keeps it).
        nodes.sort_by_key(|n| n.distance);
        let edges = found
            .edges
            .iter()
            .filter_map(|(seq, key)| {
                Some(GraphEdge {
                    capture: capture_node(&refs.get(seq)?.id),
                    identifier: identifier_node(key),
                })
            })
            .collect();
        self.journal(
            who,
            "graph.read",
            if matches!(root, GraphRoot::Capture(_)) { "capture" } else { "identifier" },
            &format!("{} nodes, {hops} hops", nodes.len()),
        )
        .await?;
        Ok(Some(LinkGraph {
            root: root.node_id(),
            hops,
            nodes,
            edges,
            capped: found.capped,
            max_nodes: max_nodes as u32,
        }))
    }

    /// `(server_seq, link key, identifier)` of every linking identifier of these captures.
    async fn identifiers_of(
        conn: &mut Conn<Self>,
        seqs: &[i64],
        row_cap: i64,
    ) -> Result<Vec<(i64, String, Identifier)>, StoreError> {
        let mut out = Vec::new();
        for chunk in seqs.chunks(IN_CHUNK) {
            let mut query = QueryBuilder::new(
                "SELECT server_seq, link_key, platform, kind, value FROM capture_identifiers \
                 WHERE link_key IS NOT NULL AND server_seq IN (",
            );
            let mut list = query.separated(", ");
            for seq in chunk {
                list.push_bind(*seq);
            }
            query.push(") ORDER BY server_seq, link_key LIMIT ");
            query.push_bind(row_cap - out.len() as i64);
            for row in query.build().fetch_all(&mut *conn).await? {
                out.push((row.value("server_seq")?, row.value("link_key")?, identifier_of(&row)?));
            }
            if out.len() as i64 >= row_cap {
                break;
            }
        }
        Ok(out)
    }

    /// `(server_seq, link key)` of every capture naming one of these keys, each pair once.
    async fn captures_naming(
        conn: &mut Conn<Self>,
        keys: &[String],
        row_cap: i64,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let mut out = Vec::new();
        for chunk in keys.chunks(IN_CHUNK) {
            let mut query = QueryBuilder::new(
                "SELECT DISTINCT server_seq, link_key FROM capture_identifiers WHERE link_key IN (",
            );
            let mut list = query.separated(", ");
            for key in chunk {
                list.push_bind(key.clone());
            }
            query.push(") ORDER BY server_seq, link_key LIMIT ");
            query.push_bind(row_cap - out.len() as i64);
            for row in query.build().fetch_all(&mut *conn).await? {
                out.push((row.value("server_seq")?, row.value("link_key")?));
            }
            if out.len() as i64 >= row_cap {
                break;
            }
        }
        Ok(out)
    }

    async fn capture_refs(
        conn: &mut Conn<Self>,
        seqs: &[i64],
    ) -> Result<HashMap<i64, CaptureRef>, StoreError> {
        let mut out = HashMap::with_capacity(seqs.len());
        for chunk in seqs.chunks(IN_CHUNK) {
            let mut query = QueryBuilder::new(
                "SELECT id, server_seq, received_at, case_type, district, status FROM captures \
                 WHERE server_seq IN (",
            );
            let mut list = query.separated(", ");
            for seq in chunk {
                list.push_bind(*seq);
            }
            query.push(")");
            for row in query.build().fetch_all(&mut *conn).await? {
                let reference = capture_ref(&row)?;
                out.insert(reference.server_seq, reference);
            }
        }
        Ok(out)
    }
}
