//! What a downloaded file is, read from its bytes (never from its Content-Type): the picture formats a reader
//! shows, their size, and the 1×1 tracking pixels that are not worth keeping.

use imagesize::ImageType;

/// A picture's file type and size, read from its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The file extension the picture is stored under.
    pub ext: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Why a downloaded file is not kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("not a picture (the bytes are no image format Jianbao shows)")]
    NotAPicture,
    #[error("an SVG picture: SVG can carry script, so it is not stored")]
    Svg,
    #[error("a tracking pixel ({0}×{1})")]
    Tracking(u32, u32),
}

impl Checked {
    /// The MIME type to serve the stored file with.
    pub fn mime(ext: &str) -> &'static str {
        match ext {
            "png" => "image/png",
            "jpg" => "image/jpeg",
            "gif" => "image/gif",
            "webp" => "image/webp",
            "avif" => "image/avif",
            "bmp" => "image/bmp",
            "ico" => "image/x-icon",
            _ => "application/octet-stream",
        }
    }
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.contains("<svg")
}

/// Reads what `bytes` are. Pictures of at most 2×2 pixels are tracking pixels.
pub fn check(bytes: &[u8]) -> Result<Checked, Refused> {
    let ext = match imagesize::image_type(bytes) {
        Ok(ImageType::Png) => "png",
        Ok(ImageType::Jpeg) => "jpg",
        Ok(ImageType::Gif) => "gif",
        Ok(ImageType::Webp) => "webp",
        Ok(ImageType::Bmp) => "bmp",
        Ok(ImageType::Ico) => "ico",
        Ok(ImageType::Heif(imagesize::Compression::Av1)) => "avif",
        _ if looks_like_svg(bytes) => return Err(Refused::Svg),
        _ => return Err(Refused::NotAPicture),
    };
    let size = imagesize::blob_size(bytes).map_err(|_| Refused::NotAPicture)?;
    let (width, height) = (size.width as u32, size.height as u32);
    if width <= 2 && height <= 2 {
        return Err(Refused::Tracking(width, height));
    }
    Ok(Checked { ext, width, height })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A valid PNG of `w`×`h` pixels (one grey row repeated), written by hand: signature, IHDR, IDAT, IEND.
    pub fn png(w: u32, h: u32) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
            out.extend((data.len() as u32).to_be_bytes());
            let start = out.len();
            out.extend(kind);
            out.extend(data);
            let crc = crc32(&out[start..]);
            out.extend(crc.to_be_bytes());
        }
        fn crc32(bytes: &[u8]) -> u32 {
            let mut crc = !0u32;
            for b in bytes {
                crc ^= *b as u32;
                for _ in 0..8 {
                    crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
                }
            }
            !crc
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend(w.to_be_bytes());
        ihdr.extend(h.to_be_bytes());
        ihdr.extend([8, 0, 0, 0, 0]); // 8-bit greyscale
        chunk(&mut out, b"IHDR", &ihdr);
        // Raw scanlines (filter byte 0 + w grey bytes) in one stored (uncompressed) deflate block.
        let raw: Vec<u8> =
            (0..h).flat_map(|_| std::iter::once(0u8).chain(std::iter::repeat_n(0x80, w as usize))).collect();
        let mut z = vec![0x78, 0x01, 0x01];
        z.extend((raw.len() as u16).to_le_bytes());
        z.extend((!(raw.len() as u16)).to_le_bytes());
        z.extend(&raw);
        let adler =
            raw.iter().fold((1u32, 0u32), |(a, b), &x| ((a + x as u32) % 65521, (b + (a + x as u32) % 65521) % 65521));
        z.extend(((adler.1 << 16) | adler.0).to_be_bytes());
        chunk(&mut out, b"IDAT", &z);
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn pictures_are_known_by_their_bytes() {
        assert_eq!(check(&png(16, 9)), Ok(Checked { ext: "png", width: 16, height: 9 }));
    }

    #[test]
    fn tracking_pixels_html_and_svg_are_refused() {
        assert_eq!(check(&png(1, 1)), Err(Refused::Tracking(1, 1)));
        assert_eq!(check(b"<!doctype html><p>Not found</p>"), Err(Refused::NotAPicture));
        assert_eq!(check(b"<?xml version=\"1.0\"?><svg onload=\"alert(1)\"/>"), Err(Refused::Svg));
    }
}
