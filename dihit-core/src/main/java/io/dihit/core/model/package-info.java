/** CLIP in the DiHT / open_clip layout as DJL blocks (vision and text transformers, attention, MLP), its JSON configs and the built-in model zoo. */
package io.dihit.core.model;
