//! Multipart bodies: parts in memory or streamed from disk.

use bytes::Bytes;

use crate::error::{Error, Result};

/// One part of a multipart body, as `/cgi-bin/media/upload` takes it.
///
/// A part holds bytes in memory ([`Part::bytes`], [`Part::text`]) or a file on disk
/// ([`Part::file`]), which is streamed when the request is sent, never read into memory whole.
/// A file part keeps its path and reopens the file for each attempt, so a retried upload sends
/// the file again from its start.
#[derive(Debug, Clone)]
pub struct Part {
    pub(crate) name: String,
    pub(crate) filename: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) data: PartData,
}

/// What a part carries.
#[derive(Debug, Clone)]
pub(crate) enum PartData {
    /// Bytes in memory.
    Bytes(Bytes),
    /// A file, streamed from disk; `len` is its size when the part was made, sent as the
    /// part's length.
    File { path: std::path::PathBuf, len: u64 },
}

/// How much of a streamed file is read at a time.
const FILE_CHUNK: usize = 64 * 1024;

impl Part {
    /// A file part from bytes in memory.
    pub fn bytes(
        name: impl Into<String>,
        filename: impl Into<String>,
        data: impl Into<Bytes>,
    ) -> Self {
        Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: None,
            data: PartData::Bytes(data.into()),
        }
    }

    /// A plain text field, such as the `description` of a permanent video.
    pub fn text(name: impl Into<String>, value: impl Into<String>) -> Self {
        Part {
            name: name.into(),
            filename: None,
            content_type: None,
            data: PartData::Bytes(Bytes::from(value.into())),
        }
    }

    /// A file part streamed from disk; the file name is taken from the path.
    ///
    /// This checks that the file exists and takes its size; its content is read only while the
    /// request is sent, in chunks, and read again from the start if the request is retried.
    /// The file should not change until the call is done: a file whose size changed in between
    /// fails the upload rather than sending something else.
    pub async fn file(name: impl Into<String>, path: impl AsRef<std::path::Path>) -> Result<Self> {
        let path = path.as_ref();
        let cannot_read = |e: &dyn std::fmt::Display| {
            Error::invalid_input(format!("cannot read the file {}: {e}", path.display()))
        };
        let metadata = tokio::fs::metadata(path)
            .await
            .map_err(|e| cannot_read(&e))?;
        if !metadata.is_file() {
            return Err(cannot_read(&"not a regular file"));
        }
        let filename = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_owned());
        Ok(Part {
            name: name.into(),
            filename: Some(filename),
            content_type: None,
            data: PartData::File {
                path: path.to_owned(),
                len: metadata.len(),
            },
        })
    }

    /// Sets the part's content type (by default, the server guesses from the file name).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Sets the part's field name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Sets the file name sent with the part.
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// The part's field name.
    pub fn field_name(&self) -> &str {
        &self.name
    }

    /// The file name sent with the part, if any.
    pub fn file_name(&self) -> Option<&str> {
        self.filename.as_deref()
    }

    /// The size of the part's content, in bytes.
    pub fn len(&self) -> u64 {
        match &self.data {
            PartData::Bytes(data) => data.len() as u64,
            PartData::File { len, .. } => *len,
        }
    }

    /// Whether the part's content is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn to_reqwest(&self) -> Result<reqwest::multipart::Part> {
        let mut part = match &self.data {
            PartData::Bytes(data) => reqwest::multipart::Part::stream_with_length(
                reqwest::Body::from(data.clone()),
                data.len() as u64,
            ),
            PartData::File { path, len } => reqwest::multipart::Part::stream_with_length(
                reqwest::Body::wrap_stream(file_stream(path.clone(), *len)),
                *len,
            ),
        };
        if let Some(filename) = &self.filename {
            part = part.file_name(filename.clone());
        }
        if let Some(content_type) = &self.content_type {
            part = part.mime_str(content_type).map_err(|_| {
                Error::invalid_input(format!("`{content_type}` is not a valid content type"))
            })?;
        }
        Ok(part)
    }
}

/// The file at `path`, opened when the stream is first polled, as exactly `len` bytes in
/// chunks. A file that is shorter or longer than `len` by then is an error, not a short or
/// overlong upload.
fn file_stream(
    path: std::path::PathBuf,
    len: u64,
) -> impl futures_util::Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    use std::io::{Error as IoError, ErrorKind};

    struct State {
        path: std::path::PathBuf,
        file: Option<tokio::fs::File>,
        left: u64,
        done: bool,
    }

    async fn read_some(file: &mut tokio::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut read = tokio::io::ReadBuf::new(buf);
        std::future::poll_fn(|cx| {
            tokio::io::AsyncRead::poll_read(std::pin::Pin::new(&mut *file), cx, &mut read)
        })
        .await?;
        Ok(read.filled().len())
    }

    let state = State {
        path,
        file: None,
        left: len,
        done: false,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        if state.done {
            return None;
        }
        let result = async {
            let file = match &mut state.file {
                Some(file) => file,
                None => state.file.insert(tokio::fs::File::open(&state.path).await?),
            };
            let mut buf = vec![0u8; FILE_CHUNK];
            if state.left == 0 {
                // The whole length is sent; the file must have no more.
                return match read_some(file, &mut buf[..1]).await? {
                    0 => Ok(None),
                    _ => Err(IoError::new(
                        ErrorKind::InvalidData,
                        "the file grew while it was uploaded",
                    )),
                };
            }
            let want = FILE_CHUNK.min(usize::try_from(state.left).unwrap_or(FILE_CHUNK));
            let n = read_some(file, &mut buf[..want]).await?;
            if n == 0 {
                return Err(IoError::new(
                    ErrorKind::UnexpectedEof,
                    "the file shrank while it was uploaded",
                ));
            }
            state.left -= n as u64;
            buf.truncate(n);
            Ok(Some(Bytes::from(buf)))
        }
        .await;
        match result {
            Ok(Some(chunk)) => Some((Ok(chunk), state)),
            Ok(None) => None,
            Err(e) => {
                state.done = true;
                Some((Err(e), state))
            }
        }
    })
}
