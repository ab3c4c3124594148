/** Text spotting engines: PaddleOCR models through ONNX Runtime and the Tesseract command line. */
package io.dihit.filter.ocr;
