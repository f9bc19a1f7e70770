//! Signing submissions with this device's key just before they are sent. Before the first send after
//! a sign-in the key is registered for the account; a device id that the desk knows under another
//! account (someone else signed in here before) gets a new key pair and id.

use spoc_core::device::{signed_message, DeviceSignature};
use spoc_core::sealed::SealedSubmission;

use crate::api::{self, HttpReply};
use crate::device::{self, DeviceKey, DEVICES_PATH};
use crate::store::Store;

pub struct DeviceSigner {
    store: Store,
}

pub enum Signed {
    Done,
    /// The desk's answer to the registration (401, a 5xx…): the outbox judges it as if the send had
    /// got it.
    Refused(HttpReply),
    /// No connection, or the key could not be used: try again later.
    Failed(String),
}

impl DeviceSigner {
    pub fn new(store: Store) -> Self {
        DeviceSigner { store }
    }

    pub async fn sign(&self, submissions: &mut [SealedSubmission]) -> Signed {
        let key = match self.registered_key().await {
            Ok(key) => key,
            Err(outcome) => return outcome,
        };
        for submission in submissions {
            let message = signed_message(&submission.id, &submission.sha256);
            match key.sign(&message).await {
                Ok(value) => {
                    submission.signature = Some(DeviceSignature {
                        device_id: key.id.clone(),
                        value,
                    })
                }
                Err(e) => return Signed::Failed(e.to_string()),
            }
        }
        Signed::Done
    }

    async fn registered_key(&self) -> Result<DeviceKey, Signed> {
        let failed = |e: &dyn std::fmt::Display| Signed::Failed(format!("on this device: {e}"));
        let mut key = DeviceKey::load_or_create(&self.store)
            .await
            .map_err(|e| failed(&e))?;
        if !device::take_registration_due() {
            return Ok(key);
        }
        for attempt in 0..2 {
            let body = serde_json::to_string(&key.registration()).map_err(|e| failed(&e))?;
            let reply = match api::post_json(DEVICES_PATH, &body).await {
                Ok(reply) => reply,
                Err(e) => {
                    device::registration_still_due();
                    return Err(Signed::Failed(e.to_string()));
                }
            };
            match reply.status {
                200 | 201 => return Ok(key),
                409 if attempt == 0 => key = DeviceKey::replace(&self.store).await.map_err(|e| failed(&e))?,
                _ => {
                    device::registration_still_due();
                    return Err(Signed::Refused(reply));
                }
            }
        }
        device::registration_still_due();
        Err(Signed::Failed("the device could not be registered".into()))
    }
}
