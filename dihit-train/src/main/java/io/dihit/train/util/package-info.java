/** Small numeric helpers of the training module. */
package io.dihit.train.util;
