//! Real image bytes for the pictures the pages show: PNGs of a given size and small GIF icons.

/// CRC-32 (the PNG chunk checksum).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A PNG of `width` × `height`: two-colour stripes whose colours derive from `seed`.
pub fn png(width: u32, height: u32, seed: u32) -> Vec<u8> {
    use std::io::Write;
    let a = [(seed * 67 % 256) as u8, (seed * 131 % 256) as u8, (seed * 29 % 256) as u8];
    let b = [255 - a[0], 255 - a[1], 255 - a[2]];
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0);
        for x in 0..width {
            raw.extend_from_slice(if (x / 16 + y / 16) % 2 == 0 { &a } else { &b });
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&raw).unwrap();
    let data = z.finish().unwrap();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &data);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A 1×1 GIF of one colour (the reaction icons, `none.gif`).
pub fn gif(rgb: [u8; 3]) -> Vec<u8> {
    let mut out = b"GIF89a".to_vec();
    out.extend_from_slice(&[1, 0, 1, 0, 0x80, 0, 0]);
    out.extend_from_slice(&rgb);
    out.extend_from_slice(&[0, 0, 0]);
    out.extend_from_slice(&[0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
    out.extend_from_slice(&[2, 2, 0x44, 0x01, 0]);
    out.push(0x3b);
    out
}

/// The colour of a reaction icon by its name.
pub fn icon_colour(name: &str) -> Option<[u8; 3]> {
    Some(match name {
        "xianhua" => [230, 60, 90],
        "woshou" => [240, 180, 60],
        "leiren" => [90, 90, 230],
        "luguo" => [120, 200, 120],
        "jidan" => [250, 240, 200],
        _ => return None,
    })
}
