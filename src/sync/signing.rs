//! The desk over HTTP, with every submission signed by this device on its way out. Before the first
//! send after a sign-in the device's key is registered for the account; a device id that the desk
//! knows under another account gets a new key pair and id.

use spoc_core::api::{BatchRequest, Submission};
use spoc_core::device::signed_message;

use super::transport::Transport;
use crate::api::{FetchError, HttpReply, BATCH_PATH, CAPTURES_PATH};
use crate::device::{self, DeviceKey, DEVICES_PATH};
use crate::store::Store;

pub struct SigningTransport<T> {
    inner: T,
    store: Store,
}

impl<T: Transport> SigningTransport<T> {
    pub fn new(inner: T, store: Store) -> Self {
        SigningTransport { inner, store }
    }

    /// The device key, registered if a registration is due. An answer that is not a success (401,
    /// a 5xx, no connection) is handed back for the outbox to judge, as if the send had got it.
    async fn key(&self) -> Result<Result<DeviceKey, HttpReply>, FetchError> {
        let mut key = DeviceKey::load_or_create(&self.store).await.map_err(local)?;
        if !device::take_registration_due() {
            return Ok(Ok(key));
        }
        for attempt in 0..2 {
            let body = serde_json::to_string(&key.registration()).map_err(local)?;
            let reply = match self.inner.post(DEVICES_PATH, body).await {
                Ok(reply) => reply,
                Err(e) => {
                    device::registration_still_due();
                    return Err(e);
                }
            };
            match reply.status {
                200 | 201 => return Ok(Ok(key)),
                // This id is another account's device (someone else signed in here before).
                409 if attempt == 0 => key = DeviceKey::replace(&self.store).await.map_err(local)?,
                _ => {
                    device::registration_still_due();
                    return Ok(Err(reply));
                }
            }
        }
        device::registration_still_due();
        Err(FetchError::Network("the device could not be registered".into()))
    }

    async fn sign(&self, key: &DeviceKey, submission: &mut Submission) -> Result<(), FetchError> {
        let message = signed_message(&submission.capture.id, &submission.sha256);
        submission.signature = Some(spoc_core::device::DeviceSignature {
            device_id: key.id.clone(),
            value: key.sign(&message).await.map_err(local)?,
        });
        Ok(())
    }

    async fn signed_body(&self, key: &DeviceKey, path: &str, body: &str) -> Result<String, FetchError> {
        if path == BATCH_PATH {
            let mut batch: BatchRequest = serde_json::from_str(body).map_err(local)?;
            for value in &mut batch.submissions {
                let mut submission: Submission = serde_json::from_value(value.take()).map_err(local)?;
                self.sign(key, &mut submission).await?;
                *value = serde_json::to_value(&submission).map_err(local)?;
            }
            serde_json::to_string(&batch).map_err(local)
        } else {
            let mut submission: Submission = serde_json::from_str(body).map_err(local)?;
            self.sign(key, &mut submission).await?;
            serde_json::to_string(&submission).map_err(local)
        }
    }
}

impl<T: Transport> Transport for SigningTransport<T> {
    async fn post(&self, path: &str, body: String) -> Result<HttpReply, FetchError> {
        if path != CAPTURES_PATH && path != BATCH_PATH {
            return self.inner.post(path, body).await;
        }
        let key = match self.key().await? {
            Ok(key) => key,
            Err(reply) => return Ok(reply),
        };
        let signed = self.signed_body(&key, path, &body).await?;
        self.inner.post(path, signed).await
    }
}

/// A failure on the device itself (the key store, WebCrypto): the outbox keeps the capture and tries
/// again later, as it does without a connection.
fn local(e: impl std::fmt::Display) -> FetchError {
    FetchError::Network(format!("on this device: {e}"))
}
