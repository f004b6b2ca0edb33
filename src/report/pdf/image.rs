//! The logo of a report: a PNG or JPEG file turned into a PDF image, without an image library.
//!
//! A JPEG is embedded as it is (the PDF reader decodes it). A PNG of 8 bits per sample, not
//! interlaced, is embedded as its compressed data with the PNG predictors the PDF format knows
//! (grey, RGB, palette); one with an alpha channel is decoded and laid on white first.

use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use lopdf::{Dictionary, Object};
use std::io::{Read, Write};

/// An image ready to be a PDF image object.
pub(crate) struct Image {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) dict: Dictionary,
    pub(crate) data: Vec<u8>,
}

/// Checks that `bytes` are a PNG or JPEG capra can embed, and says what is wrong otherwise.
pub fn check(bytes: &[u8]) -> Result<(u32, u32), String> {
    decode(bytes).map(|i| (i.width, i.height))
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Image, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else {
        Err("not a PNG or JPEG image".into())
    }
}

fn base(width: u32, height: u32, color: Object, bits: i64) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Image".to_vec()));
    d.set("Width", Object::Integer(width.into()));
    d.set("Height", Object::Integer(height.into()));
    d.set("ColorSpace", color);
    d.set("BitsPerComponent", Object::Integer(bits));
    d
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn jpeg(b: &[u8]) -> Result<Image, String> {
    let mut i = 2;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return Err("a damaged JPEG file".into());
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if sof {
            let s = b.get(i + 4..i + 10).ok_or("a damaged JPEG file")?;
            let height = u32::from(u16::from_be_bytes([s[1], s[2]]));
            let width = u32::from(u16::from_be_bytes([s[3], s[4]]));
            let color = match s[5] {
                1 => "DeviceGray",
                3 => "DeviceRGB",
                4 => "DeviceCMYK",
                _ => return Err("a JPEG with an unusual number of colour components".into()),
            };
            if width == 0 || height == 0 {
                return Err("a JPEG without a size".into());
            }
            let mut dict = base(width, height, name(color), 8);
            dict.set("Filter", name("DCTDecode"));
            if color == "DeviceCMYK" {
                // Adobe's CMYK JPEGs are stored inverted.
                dict.set(
                    "Decode",
                    Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()),
                );
            }
            return Ok(Image {
                width,
                height,
                dict,
                data: b.to_vec(),
            });
        }
        i += 2 + len;
    }
    Err("a JPEG without a frame header".into())
}

fn png(b: &[u8]) -> Result<Image, String> {
    let mut i = 8;
    let (mut width, mut height, mut depth, mut kind, mut interlace) = (0, 0, 0, 0, 0);
    let mut palette = Vec::new();
    let mut idat = Vec::new();
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        let tag = &b[i + 4..i + 8];
        let data = b.get(i + 8..i + 8 + len).ok_or("a damaged PNG file")?;
        match tag {
            b"IHDR" if len >= 13 => {
                width = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
                height = u32::from_be_bytes([data[4], data[5], data[6], data[7]]);
                depth = data[8];
                kind = data[9];
                interlace = data[12];
            }
            b"PLTE" => palette = data.to_vec(),
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => break,
            _ => {}
        }
        i += 12 + len;
    }
    if width == 0 || height == 0 || idat.is_empty() {
        return Err("a damaged PNG file".into());
    }
    if depth != 8 || interlace != 0 {
        return Err(
            "a PNG capra cannot embed: save it with 8 bits per channel and without interlacing"
                .into(),
        );
    }
    let colors: u32 = match kind {
        0 | 3 => 1,
        2 => 3,
        4 => 2,
        6 => 4,
        _ => return Err("a PNG of an unknown colour type".into()),
    };
    let parms = |colors: u32| {
        let mut p = Dictionary::new();
        p.set("Predictor", Object::Integer(15));
        p.set("Colors", Object::Integer(colors.into()));
        p.set("BitsPerComponent", Object::Integer(8));
        p.set("Columns", Object::Integer(width.into()));
        p
    };
    let mut dict = match kind {
        0 => base(width, height, name("DeviceGray"), 8),
        2 => base(width, height, name("DeviceRGB"), 8),
        3 => {
            if palette.is_empty() || palette.len() % 3 != 0 {
                return Err("a palette PNG without a palette".into());
            }
            let n = (palette.len() / 3) as i64;
            base(
                width,
                height,
                Object::Array(vec![
                    name("Indexed"),
                    name("DeviceRGB"),
                    Object::Integer(n - 1),
                    Object::String(palette, lopdf::StringFormat::Hexadecimal),
                ]),
                8,
            )
        }
        _ => return flatten_alpha(width, height, colors, &idat),
    };
    dict.set("Filter", name("FlateDecode"));
    dict.set("DecodeParms", Object::Dictionary(parms(colors)));
    Ok(Image {
        width,
        height,
        dict,
        data: idat,
    })
}

/// A PNG with alpha (grey or RGB): decoded, laid on white, compressed again without alpha.
fn flatten_alpha(width: u32, height: u32, colors: u32, idat: &[u8]) -> Result<Image, String> {
    let damaged = || "a damaged PNG file".to_string();
    let mut raw = Vec::new();
    ZlibDecoder::new(idat)
        .read_to_end(&mut raw)
        .map_err(|_| damaged())?;
    let bpp = colors as usize;
    let stride = width as usize * bpp;
    if raw.len() < (stride + 1) * height as usize {
        return Err(damaged());
    }
    let mut prev = vec![0u8; stride];
    let mut out = Vec::with_capacity((stride / bpp) * (bpp - 1) * height as usize);
    for y in 0..height as usize {
        let line = &raw[y * (stride + 1)..(y + 1) * (stride + 1)];
        let filter = line[0];
        let mut cur = line[1..].to_vec();
        for x in 0..stride {
            let a = if x >= bpp { cur[x - bpp] } else { 0 };
            let b = prev[x];
            let c = if x >= bpp { prev[x - bpp] } else { 0 };
            let add = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                _ => return Err(damaged()),
            };
            cur[x] = cur[x].wrapping_add(add);
        }
        for px in cur.chunks(bpp) {
            let alpha = u16::from(px[bpp - 1]);
            for &v in &px[..bpp - 1] {
                out.push(((u16::from(v) * alpha + 255 * (255 - alpha)) / 255) as u8);
            }
        }
        prev = cur;
    }
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    z.write_all(&out).map_err(|_| damaged())?;
    let data = z.finish().map_err(|_| damaged())?;
    let color = if colors == 2 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let mut dict = base(width, height, name(color), 8);
    dict.set("Filter", name("FlateDecode"));
    Ok(Image {
        width,
        height,
        dict,
        data,
    })
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `w` x `h` pixels of `colors` channels (colour type `kind`), all `value`.
    pub(crate) fn png_of(w: u32, h: u32, kind: u8, colors: usize, value: u8) -> Vec<u8> {
        let mut raw = Vec::new();
        for _ in 0..h {
            raw.push(0);
            raw.extend(std::iter::repeat_n(value, w as usize * colors));
        }
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(&raw).unwrap();
        let idat = z.finish().unwrap();
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |tag: &[u8], data: &[u8]| {
            out.extend((data.len() as u32).to_be_bytes());
            out.extend(tag);
            out.extend(data);
            out.extend([0, 0, 0, 0]); // the CRC is not checked
        };
        let mut ihdr = Vec::new();
        ihdr.extend(w.to_be_bytes());
        ihdr.extend(h.to_be_bytes());
        ihdr.extend([8, kind, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        chunk(b"IDAT", &idat);
        chunk(b"IEND", &[]);
        out
    }

    #[test]
    fn pngs_and_jpegs_are_read_and_others_refused() {
        assert_eq!(check(&png_of(4, 3, 2, 3, 200)).unwrap(), (4, 3));
        let rgba = decode(&png_of(2, 2, 6, 4, 128)).unwrap();
        let mut raw = Vec::new();
        ZlibDecoder::new(&rgba.data[..])
            .read_to_end(&mut raw)
            .unwrap();
        assert_eq!(raw.len(), 2 * 2 * 3, "alpha dropped");
        // A minimal JPEG header: SOI, SOF0 of 7 x 5, three components.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0, 5, 0, 7, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
        ];
        assert_eq!(check(&jpeg).unwrap(), (7, 5));
        assert!(check(b"GIF89a").unwrap_err().contains("not a PNG or JPEG"));
        let mut interlaced = png_of(2, 2, 2, 3, 1);
        interlaced[8 + 8 + 12] = 1;
        assert!(check(&interlaced).unwrap_err().contains("interlacing"));
    }
}
