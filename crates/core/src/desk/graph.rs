//! The link graph: captures and identifiers as nodes, "names" as edges, N hops out from one capture
//! or one identifier. A hop is one link between captures through an identifier they share (capture
//! → identifier → capture), so from either kind of root, `hops` reaches `2 × hops` edges out.
//! Short links are never nodes (they link nothing until resolved). Bounded: at most
//! [`MAX_GRAPH_NODES`] nodes, and the answer says when it was cut.

use serde::{Deserialize, Serialize};

use super::CaptureRef;
use crate::identifier::Identifier;

pub const MAX_GRAPH_NODES: u32 = 200;
pub const MAX_HOPS: u8 = 3;

/// Which node a graph starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphRoot {
    /// A capture's id (UUID).
    Capture(String),
    /// An identifier's link key.
    Identifier(String),
}

impl GraphRoot {
    /// The node id the graph gives it.
    pub fn node_id(&self) -> String {
        match self {
            GraphRoot::Capture(id) => capture_node(id),
            GraphRoot::Identifier(key) => identifier_node(key),
        }
    }
}

pub fn capture_node(id: &str) -> String {
    format!("capture:{id}")
}

pub fn identifier_node(key: &str) -> String {
    format!("identifier:{key}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkGraph {
    /// The root's node id.
    pub root: String,
    pub hops: u8,
    /// Nodes by distance from the root (edges away), then in the order found.
    pub nodes: Vec<GraphNode>,
    /// Each pair once, even where a capture names one identifier twice.
    pub edges: Vec<GraphEdge>,
    /// Set when the graph reached `max_nodes` and the rest was left out.
    pub capped: bool,
    pub max_nodes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GraphNode {
    /// `capture:{uuid}` or `identifier:{link key}`.
    pub id: String,
    /// Edges from the root: even for the root's own kind, odd for the other.
    pub distance: u8,
    /// Set for a capture node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture: Option<CaptureRef>,
    /// Set for an identifier node, with its link key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// The capture names the identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GraphEdge {
    pub capture: String,
    pub identifier: String,
}
