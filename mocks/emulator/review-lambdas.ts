import type { ReviewFunction } from './review.ts'

/**
 * The account's review Lambdas the emulator can reach: a function standing in for each Lambda
 * ARN bound here (from the server's `--review-handler`, or from code). A room whose
 * `messageReviewHandler.uri` names a Lambda bound nowhere behaves as on AWS when the function
 * cannot be invoked: the room's `fallbackResult` decides.
 */
export class ReviewLambdas {
  readonly #functions = new Map<string, ReviewFunction>()
  readonly #onChange: () => void

  /** `onChange` is told of every binding made or removed (the panel shows them). */
  constructor(onChange: () => void = () => {}) {
    this.#onChange = onChange
  }

  /** `review` answers for the Lambda `lambdaArn` in every room that names it. */
  bind(lambdaArn: string, review: ReviewFunction): void {
    this.#functions.set(lambdaArn, review)
    this.#onChange()
  }

  unbind(lambdaArn: string): boolean {
    const removed = this.#functions.delete(lambdaArn)
    if (removed) this.#onChange()
    return removed
  }

  get(lambdaArn: string): ReviewFunction | undefined {
    return this.#functions.get(lambdaArn)
  }

  /** The bound Lambda ARNs. */
  arns(): string[] {
    return [...this.#functions.keys()]
  }
}
