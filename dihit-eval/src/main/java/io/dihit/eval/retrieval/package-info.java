/** Image-text retrieval: chunked top-k over similarity matrices and recall@k. */
package io.dihit.eval.retrieval;
